package io.huruhuru.server.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile requests from a seeded {@link Random}: raw request heads with bytes flipped, versions and headers
 * broken; chunked framings that lie; paths and query strings built from tokens that parsers trip over; upload headers
 * with absurd ranges and lengths; manifest bodies derived from a valid one.
 */
final class FuzzRequests {

    /** One request to send: its bytes, whether to half-close after it, and what a 2xx answer to it would store. */
    record Request(Kind kind, byte[] bytes, boolean halfClose, String method, String target, byte[] manifestBody) {
    }

    enum Kind { RAW_HEAD, CHUNKED, PATH, UPLOAD_HEADERS, MANIFEST }

    static final String REPOSITORY = "fuzz/base";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static final List<String> NAME_TOKENS = List.of("fuzz/base", "fuzz/other", "a", "A", "%00", "a%00b",
            "..", "%2e%2e", "a//b", "a/", "-a", "a__b", "%ff%fe", "%", "%zz", "%C3%A9", "x".repeat(300), "_catalog",
            "v2", "a%2Fb", "a%20b", "a;b", "manifests", "blobs", "uploads");
    private static final List<String> REFERENCE_TOKENS = List.of("v1", "latest", ".INVALID_MANIFEST_NAME", "-bad",
            "%00", "a%00", "sha256:", "sha256:abc", "sha256:" + "0".repeat(64), "sha512:" + "f".repeat(128),
            "md5:abc", "SHA256:" + "a".repeat(64), ":", "a:b", "t".repeat(129), "%2e", "..", "%25", "%ff",
            "sha256:" + "0".repeat(63) + "G", "v1%0d%0aX-Injected:%201");
    private static final List<String> QUERY_TOKENS = List.of("", "n=", "n=-1", "n=0", "n=1", "n=99999999999999999999",
            "n=abc", "n=1&n=2", "last=%00", "last=%ff", "last=" + "z".repeat(500), "n=2&last=a", "digest=",
            "digest=sha256:abc", "digest=%00", "mount=sha256:" + "0".repeat(64) + "&from=%00", "from=a&mount=",
            "artifactType=%00", "artifactType=", "format=pdf", "format=", "reference=%00", "repository=%00",
            "%", "%zz=1", "=", "&&&", "a=%0d%0a");
    private static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS",
            "TRACE", "CONNECT", "PRI", "get", "FOO");
    private static final List<String> RANGE_VALUES = List.of("0-0", "0-", "-1", "1-0", "0-99999999999999999999",
            "bytes=0-9", "bytes 0-9/10", "bytes 0-9/*", "0-9/5", "a-b", "", " ", "0--1", "9223372036854775807-0",
            "0-9223372036854775807", "0-9,10-19", "%00", "5-9");
    private static final List<String> LENGTH_VALUES = List.of("-1", "abc", "1e3", "99999999999999999999", " 3",
            "3, 3", "0x3", "+3", "");

    private final Random random;
    private final int port;
    private final byte[] validManifest;

    FuzzRequests(Random random, int port, byte[] validManifest) {
        this.random = random;
        this.port = port;
        this.validManifest = validManifest;
    }

    Request next(Kind kind, String uploadPath) {
        return switch (kind) {
            case RAW_HEAD -> rawHead();
            case CHUNKED -> chunked(uploadPath);
            case PATH -> path();
            case UPLOAD_HEADERS -> uploadHeaders(uploadPath);
            case MANIFEST -> manifest();
        };
    }

    private Request rawHead() {
        String method = pick(METHODS);
        String target = "/v2/" + pick(NAME_TOKENS) + "/manifests/" + pick(REFERENCE_TOKENS);
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Accept: " + OCI_MANIFEST + "\r\nContent-Length: 0\r\n");
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            switch (random.nextInt(9)) {
                case 0 -> replaceFirst(head, "HTTP/1.1", pick(List.of("HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "HTTP/9.9",
                        "HTTP/1", "HTTP/", "HTTX/1.1", "http/1.1", "HTTP/1.1 extra", "HTTP/11.1", "")));
                case 1 -> replaceFirst(head, "Host: 127.0.0.1:" + port + "\r\n", pick(List.of("", "Host:\r\n",
                        "Host: a b\r\n", "Host: [::1\r\n", "Host: a:99999\r\n", "Host: a\r\nHost: b\r\n",
                        "Host: %00\r\n", "Host: " + "h".repeat(5000) + "\r\n")));
                case 2 -> head.append(pick(List.of("X: \u0000\r\n", "X:\u0007bell\r\n", "Bad Header: 1\r\n",
                        ": empty-name\r\n", "X : space-before-colon\r\n", " folded: line\r\n",
                        "Content-Length: 5\r\n", "Content-Length: -1\r\n", "Transfer-Encoding: gzip\r\n",
                        "Transfer-Encoding: chunked, identity\r\n", "Expect: 100-continue\r\n",
                        "Expect: 200-ok\r\n", "Connection: upgrade\r\nUpgrade: h2c\r\n",
                        "Upgrade: websocket\r\nConnection: Upgrade\r\n", "X-Long: " + "v".repeat(20_000) + "\r\n")));
                case 3 -> flipBytes(head);
                case 4 -> {
                    for (int h = 0; h < 150; h++) {
                        head.append("X-Many-").append(h).append(": ").append(h).append("\r\n");
                    }
                }
                case 5 -> replaceFirst(head, " " + target + " ", pick(List.of(" * ", " ", "  ", " http://x/v2/ ",
                        " v2/ ", " /v2/%zz ", " /v2/\u00e9 ", " /" + "a".repeat(10_000) + " ", " /v2/?%00 ")));
                case 6 -> replaceAll(head, "\r\n", random.nextBoolean() ? "\n" : "\r");
                case 7 -> head.insert(0, pick(List.of("\r\n", "\u0000", " ", "\u0016\u0003\u0001")));
                default -> head.setLength(Math.max(1, random.nextInt(head.length())));
            }
        }
        head.append("\r\n");
        return new Request(Kind.RAW_HEAD, latin1(head.toString()), true, method, target, null);
    }

    private Request chunked(String uploadPath) {
        boolean manifest = random.nextBoolean();
        String method = manifest ? "PUT" : "PATCH";
        String target = manifest ? "/v2/" + REPOSITORY + "/manifests/chunked-" + random.nextInt(1000) : uploadPath;
        byte[] payload = manifest ? validManifest : randomBytes(1 + random.nextInt(64));
        // Half the requests keep an intact framing, which must be answered; the others get one lie somewhere.
        boolean intact = random.nextBoolean();
        int lie = intact ? -1 : random.nextInt(3);
        int chunks = 0;
        StringBuilder body = new StringBuilder();
        int offset = 0;
        while (offset < payload.length) {
            int size = Math.min(payload.length - offset, 1 + random.nextInt(64));
            String sizeLine = Integer.toHexString(size);
            String data = new String(payload, offset, size, StandardCharsets.ISO_8859_1);
            String lineEnd = "\r\n";
            String dataEnd = "\r\n";
            if (lie == 0 && random.nextInt(4) == 0) {
                lie = -1;
                switch (random.nextInt(8)) {
                    case 0 -> sizeLine = pick(List.of("-1", "ffffffffffffffff", "zz", "", " " + sizeLine,
                            sizeLine + " ", "0x" + sizeLine, "7fffffff", "1" + "0".repeat(40)));
                    case 1 -> sizeLine = sizeLine + pick(List.of(";\u0000", ";", "; ext", ";ext=\"unclosed"));
                    case 2 -> data = data.substring(0, data.length() / 2);
                    case 3 -> data = data + "EXTRA";
                    case 4 -> sizeLine = sizeLine + "\r\n" + sizeLine;
                    case 5 -> lineEnd = "\n";
                    case 6 -> dataEnd = "";
                    default -> dataEnd = "\n";
                }
            } else if (random.nextInt(8) == 0) {
                sizeLine = sizeLine + ";ext=1";
            }
            body.append(sizeLine).append(lineEnd).append(data).append(dataEnd);
            offset += size;
            chunks++;
        }
        body.append(lie == 1 ? pick(List.of("", "0\r\n", "0\r\nTrailer: x\r\nBad trailer\r\n\r\n", "0\r\n\r\nJUNK"))
                : "0\r\n\r\n");
        String transferEncoding = lie != 2 ? "Transfer-Encoding: chunked\r\n" : pick(List.of(
                "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "Transfer-Encoding: Chunked\r\n",
                "Transfer-Encoding: identity, chunked\r\n", "Transfer-Encoding: chunked, gzip\r\n",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: chunked \r\n"));
        String headers = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (manifest ? "Content-Type: " + OCI_MANIFEST + "\r\n" : "Content-Type: application/octet-stream\r\n")
                + transferEncoding
                + "Connection: close\r\n\r\n";
        // A framing that may leave the server waiting for more is half-closed; an intact one must be answered.
        return new Request(Kind.CHUNKED, latin1(headers + body), !intact || chunks == 0, method, target,
                manifest ? payload : null);
    }

    private Request path() {
        String method = pick(METHODS.subList(0, 7));
        String target = switch (random.nextInt(8)) {
            case 0 -> "/v2/" + pick(NAME_TOKENS) + "/manifests/" + pick(REFERENCE_TOKENS);
            case 1 -> "/v2/" + pick(NAME_TOKENS) + "/blobs/" + pick(REFERENCE_TOKENS);
            case 2 -> "/v2/" + pick(NAME_TOKENS) + "/blobs/uploads/" + pick(REFERENCE_TOKENS);
            case 3 -> "/v2/" + pick(NAME_TOKENS) + "/tags/list";
            case 4 -> "/v2/_catalog";
            case 5 -> "/v2/" + pick(NAME_TOKENS) + "/referrers/" + pick(REFERENCE_TOKENS);
            case 6 -> "/sel4/v1/validations/" + pick(NAME_TOKENS) + "/" + pick(REFERENCE_TOKENS);
            default -> "/" + pick(List.of("v2", "v2/", "v2//", "v3/", "sel4/v1/validations", "", "%2e%2e/v2/"));
        };
        if (random.nextBoolean()) {
            target += "?" + pick(QUERY_TOKENS) + (random.nextBoolean() ? "&" + pick(QUERY_TOKENS) : "");
        }
        byte[] body = random.nextInt(4) == 0 ? randomBytes(random.nextInt(100)) : new byte[0];
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (random.nextBoolean() ? "Accept: " + pick(List.of(OCI_MANIFEST, "*/*", "", ";;;", "a/b; q=x"))
                        + "\r\n" : "")
                + (random.nextBoolean() ? "Content-Type: " + pick(List.of(OCI_MANIFEST, "", "x", "a/b; c=\u00e9",
                        "application/octet-stream")) + "\r\n" : "")
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        return new Request(Kind.PATH, concat(latin1(head), body), false, method, target, null);
    }

    private Request uploadHeaders(String uploadPath) {
        String method = pick(List.of("PATCH", "PUT", "PATCH"));
        byte[] body = randomBytes(random.nextInt(20));
        String target = method.equals("PUT") ? uploadPath + "?digest=" + pick(REFERENCE_TOKENS) : uploadPath;
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (random.nextInt(4) > 0) {
            head.append("Content-Range: ").append(pick(RANGE_VALUES)).append("\r\n");
        }
        boolean lengthLies = random.nextInt(3) == 0;
        if (lengthLies) {
            head.append("Content-Length: ").append(pick(LENGTH_VALUES)).append("\r\n");
        } else {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (random.nextBoolean()) {
            head.append("Content-Type: ").append(pick(List.of("application/octet-stream", "", "x/y", "%00")))
                    .append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return new Request(Kind.UPLOAD_HEADERS, concat(latin1(head.toString()), body), lengthLies, method, target,
                null);
    }

    private Request manifest() {
        byte[] body = mutatedManifest();
        String reference = random.nextInt(3) == 0 ? pick(REFERENCE_TOKENS) : "m" + random.nextInt(50);
        String repository = random.nextInt(5) == 0 ? pick(NAME_TOKENS) : REPOSITORY;
        String target = "/v2/" + repository + "/manifests/" + reference;
        String contentType = random.nextInt(5) == 0 ? pick(List.of("", "application/json", "x",
                "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json")) : OCI_MANIFEST;
        String head = "PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        return new Request(Kind.MANIFEST, concat(latin1(head), body), false, "PUT", target, body);
    }

    private byte[] mutatedManifest() {
        String json = new String(validManifest, StandardCharsets.UTF_8);
        switch (random.nextInt(10)) {
            case 0 -> {
                byte[] flipped = validManifest.clone();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return flipped;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(validManifest, random.nextInt(validManifest.length));
            }
            case 2 -> json = json.replaceFirst("\"schemaVersion\":2", pick(List.of("\"schemaVersion\":1",
                    "\"schemaVersion\":\"2\"", "\"schemaVersion\":null", "\"schemaVersion\":2.0",
                    "\"schemaVersion\":99999999999999999999", "\"schemaVersion\":2,\"schemaVersion\":3")));
            case 3 -> json = json.replaceFirst("\"size\":\\d+", pick(List.of("\"size\":-1", "\"size\":\"7\"",
                    "\"size\":1e400", "\"size\":9223372036854775808", "\"size\":0", "\"size\":null")));
            case 4 -> json = json.replaceFirst("sha256:[0-9a-f]{64}", pick(List.of("sha256:abc", "",
                    "sha256:" + "0".repeat(64), "md5:0", "sha512:" + "0".repeat(128), "\\u0000")));
            case 5 -> json = json.replaceFirst("\"layers\":\\[", pick(List.of("\"layers\":[[", "\"layers\":{",
                    "\"layers\":null,\"x\":[", "\"layers\":\"\",\"x\":[")));
            case 6 -> json = "[".repeat(2000 + random.nextInt(20_000)) + "]".repeat(random.nextInt(2));
            case 7 -> json = json.replaceFirst("\"mediaType\":\"[^\"]*\"", pick(List.of("\"mediaType\":\"x\"",
                    "\"mediaType\":7", "\"mediaType\":\"" + "m".repeat(5000) + "\"",
                    "\"mediaType\":\"application/vnd.oci.image.index.v1+json\"")));
            case 8 -> json = "\uFEFF" + json + pick(List.of("", " ", "\n", "x", "{}"));
            default -> json = json.substring(0, json.lastIndexOf('}')) + ",\"annotations\":{\"k\":\""
                    + "v".repeat(random.nextInt(100)) + "\"}}";
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private void flipBytes(StringBuilder text) {
        for (int i = 1 + random.nextInt(3); i > 0 && text.length() > 0; i--) {
            int at = random.nextInt(text.length());
            text.setCharAt(at, (char) ((text.charAt(at) ^ (1 << random.nextInt(8))) & 0xff));
        }
    }

    private static void replaceFirst(StringBuilder text, String what, String with) {
        int at = text.indexOf(what);
        if (at >= 0) {
            text.replace(at, at + what.length(), with);
        }
    }

    private static void replaceAll(StringBuilder text, String what, String with) {
        String replaced = text.toString().replace(what, with);
        text.setLength(0);
        text.append(replaced);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
