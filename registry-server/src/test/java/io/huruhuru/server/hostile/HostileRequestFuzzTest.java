package io.huruhuru.server.hostile;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.http.FailureHandler;
import io.huruhuru.storage.RegistryStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Drives a few thousand mutated requests (see {@link FuzzRequests}) at a running registry and checks that none gets a
 * server error (505 for a bad HTTP version aside), none hangs, no thread stays blocked, a normal push still works
 * afterwards, and the repositories, tags and manifests stored are exactly those the accepted requests account for.
 *
 * <p>The seed is printed with every failure; rerun one with {@code -Dhuruhuru.fuzz.seed=<seed>}, and change the count
 * with {@code -Dhuruhuru.fuzz.requests=<n>}.
 */
class HostileRequestFuzzTest {

    private static final long SEED = Long.getLong("huruhuru.fuzz.seed", 20_261_205L);
    private static final int REQUESTS = Integer.getInteger("huruhuru.fuzz.requests", 3_000);
    private static final Duration BUDGET = Duration.ofSeconds(45);
    private static final int TIMEOUT_MS = 3_000;
    private static final Pattern MANIFEST_PATH = Pattern.compile("/v2/(.+)/manifests/([^/?]+)");
    private static final Pattern UPLOAD_PATH = Pattern.compile("/v2/(.+)/blobs/uploads/.*");

    private static final Pattern SIGNATURE_TAG = Pattern.compile("sha256-([0-9a-f]{64})\\.sig");

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    /** What accepted requests stored: repositories, and per repository its manifests and tags. */
    private final Set<String> repositories = new TreeSet<>();
    private final Map<String, Set<String>> manifests = new HashMap<>();
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    /**
     * Tags of manifest pushes that got no answer because the test half-closed the connection: the server may have
     * read a complete request and stored it, or not, so either outcome is accounted for.
     */
    private final Map<String, Map<String, String>> unansweredTags = new HashMap<>();

    @Test
    void mutatedRequestsGetNoServerErrorNoHangAndStoreOnlyWhatWasAccepted() throws Exception {
        ListAppender<ILoggingEvent> vertxWarnings = capture("io.vertx.core.impl.BlockedThreadChecker");
        // A failure that reaches these loggers is an internal error, answered 500 (or cut off when the connection
        // closes first, which the client cannot tell from a refusal).
        ListAppender<ILoggingEvent> internalErrors = capture(FailureHandler.class.getName());
        ListAppender<ILoggingEvent> routerErrors = capture("io.vertx.ext.web.RoutingContext");
        byte[] valid = pushBaseImage();
        Random random = new Random(SEED);
        FuzzRequests generator = new FuzzRequests(random, registry.port(), valid);
        Map<FuzzRequests.Kind, Map<Integer, Integer>> statuses = new EnumMap<>(FuzzRequests.Kind.class);
        List<String> failures = new ArrayList<>();
        Set<String> refusedManifestDigests = new HashSet<>();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int sent = 0;
        for (; sent < REQUESTS && System.nanoTime() < deadline; sent++) {
            FuzzRequests.Kind kind = kind(random);
            String uploadPath = kind == FuzzRequests.Kind.CHUNKED || kind == FuzzRequests.Kind.UPLOAD_HEADERS
                    ? startUpload() : null;
            FuzzRequests.Request request = generator.next(kind, uploadPath);
            RawHttp.Answer answer = RawHttp.exchange(registry.port(), request.bytes(), TIMEOUT_MS, request.halfClose());
            statuses.computeIfAbsent(kind, k -> new TreeMap<>()).merge(answer.timedOut() ? 0 : answer.status(), 1,
                    Integer::sum);
            String problem = answer.timedOut() ? "no answer and no close within " + TIMEOUT_MS + " ms"
                    : answer.status() >= 500 && answer.status() != 505 ? "answered " + answer.status() + " "
                            + answer.text() : null;
            if (problem != null && failures.size() < 20) {
                failures.add("#" + sent + " " + kind + " " + printable(request.bytes()) + " -> " + problem);
            }
            account(request, answer, refusedManifestDigests);
        }
        System.out.printf("fuzz seed %d: %d requests; statuses per kind (0 = timed out): %s%n", SEED, sent, statuses);

        assertTrue(failures.isEmpty(), () -> "seed " + SEED + ": " + String.join("\n", failures));
        assertTrue(registry.awaitIdle(Duration.ofSeconds(10)), "seed " + SEED + ": the worker pool did not drain");
        assertEquals(List.of(), vertxWarnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList(),
                "seed " + SEED + ": blocked-thread warnings");
        assertEquals(List.of(), internalErrors.list.stream().map(HostileRequestFuzzTest::describe).distinct().toList(),
                "seed " + SEED + ": internal errors");
        assertEquals(List.of(), routerErrors.list.stream().map(HostileRequestFuzzTest::describe).distinct().toList(),
                "seed " + SEED + ": exceptions that escaped the router");
        assertANormalPushStillWorks();
        assertStoredIsWhatWasAccepted(refusedManifestDigests);
    }

    private static FuzzRequests.Kind kind(Random random) {
        int roll = random.nextInt(100);
        return roll < 25 ? FuzzRequests.Kind.RAW_HEAD : roll < 40 ? FuzzRequests.Kind.CHUNKED
                : roll < 70 ? FuzzRequests.Kind.PATH : roll < 85 ? FuzzRequests.Kind.UPLOAD_HEADERS
                : FuzzRequests.Kind.MANIFEST;
    }

    /** Updates the model with what an accepted request stored; remembers refused manifest bodies. */
    private void account(FuzzRequests.Request request, RawHttp.Answer answer, Set<String> refusedManifestDigests) {
        String target = request.target() == null ? "" : request.target();
        Matcher manifest = MANIFEST_PATH.matcher(target.split("\\?", 2)[0]);
        boolean isManifest = manifest.matches();
        if (answer.status() == 201 && isManifest && request.method().equals("PUT")) {
            String repository = decode(manifest.group(1));
            String reference = decode(manifest.group(2));
            String digest = header(answer.head(), "Docker-Content-Digest").orElseThrow();
            repositories.add(repository);
            manifests.computeIfAbsent(repository, r -> new HashSet<>()).add(digest);
            if (!reference.contains(":")) {
                tags.computeIfAbsent(repository, r -> new HashMap<>()).put(reference, digest);
            }
        } else if (answer.status() == 202 && isManifest && request.method().equals("DELETE")) {
            String repository = decode(manifest.group(1));
            String reference = decode(manifest.group(2));
            Map<String, String> repositoryTags = tags.getOrDefault(repository, new HashMap<>());
            if (reference.contains(":")) {
                manifests.getOrDefault(repository, new HashSet<>()).remove(reference);
                repositoryTags.values().removeIf(reference::equals);
            } else {
                repositoryTags.remove(reference);
            }
        } else if (answer.status() == 201 && UPLOAD_PATH.matcher(target).matches()) {
            Matcher upload = UPLOAD_PATH.matcher(target);
            upload.matches();
            repositories.add(decode(upload.group(1)));
        } else if (answer.status() == RawHttp.CLOSED && isManifest && request.method().equals("PUT")
                && request.manifestBody() != null) {
            unansweredTags.computeIfAbsent(decode(manifest.group(1)), r -> new HashMap<>())
                    .put(decode(manifest.group(2)), RunningRegistry.sha256(request.manifestBody()));
        } else if (request.manifestBody() != null && answer.status() != 201) {
            refusedManifestDigests.add(RunningRegistry.sha256(request.manifestBody()));
        }
    }

    private void assertStoredIsWhatWasAccepted(Set<String> refusedManifestDigests) {
        RegistryStore store = registry.store();
        assertEquals(List.copyOf(repositories), store.repositories().list(Optional.empty(), 10_000).stream()
                        .map(RepositoryName::value).toList(),
                "seed " + SEED + ": repositories");
        for (String repository : repositories) {
            RepositoryName name = RepositoryName.parse(repository);
            Map<String, String> expected = new TreeMap<>(tags.getOrDefault(repository, Map.of()));
            Map<String, String> stored = new TreeMap<>();
            for (Tag tag : store.tags().list(name, Optional.empty(), 10_000)) {
                stored.put(tag.value(), store.tags().resolve(name, tag).map(Digest::toString).orElse("?"));
            }
            Map<String, String> missing = new TreeMap<>(expected);
            missing.keySet().removeAll(stored.keySet());
            Map<String, String> extra = new TreeMap<>(stored);
            extra.keySet().removeAll(expected.keySet());
            extra.entrySet().removeIf(tag -> tag.getValue().equals(
                    unansweredTags.getOrDefault(repository, Map.of()).get(tag.getKey())));
            extra.entrySet().removeIf(tag -> isSignatureOfAStoredManifest(store, name, tag.getKey(), tag.getValue()));
            stored.keySet().removeIf(tag -> !expected.containsKey(tag) && !extra.containsKey(tag));
            assertEquals(expected, stored, "seed " + SEED + ": tags of " + repository + "; missing " + missing
                    + ", not accounted for " + extra);
            for (String digest : manifests.getOrDefault(repository, Set.of())) {
                assertTrue(store.manifests().get(name, Digest.parse(digest)).isPresent(), "seed " + SEED + ": " + digest);
            }
            for (String digest : refusedManifestDigests) {
                if (!manifests.getOrDefault(repository, Set.of()).contains(digest)) {
                    assertTrue(store.manifests().get(name, Digest.parse(digest)).isEmpty(),
                            "seed " + SEED + ": refused manifest " + digest + " stored in " + repository);
                }
            }
        }
    }

    /**
     * Whether {@code tag} is cosign's tag of the registry's signature of a manifest that is stored in the repository:
     * accepted pushes are signed, and the signature is accounted for by the manifest it names.
     */
    private static boolean isSignatureOfAStoredManifest(RegistryStore store, RepositoryName repository, String tag,
            String digest) {
        Matcher signature = SIGNATURE_TAG.matcher(tag);
        if (!signature.matches()) {
            return false;
        }
        Digest signed = Digest.parse("sha256:" + signature.group(1));
        return store.manifests().get(repository, signed).isPresent() && store.manifests()
                .get(repository, Digest.parse(digest)).flatMap(m -> m.subject()).filter(signed::equals).isPresent();
    }

    private byte[] pushBaseImage() {
        return pushImage(FuzzRequests.REPOSITORY, "v1", 0);
    }

    private void assertANormalPushStillWorks() {
        byte[] manifest = pushImage("fuzz/after", "ok", 1);
        HttpResponse<byte[]> pulled = registry.send(registry.request("/v2/fuzz/after/manifests/ok")
                .header("Accept", FuzzRequests.OCI_MANIFEST).GET().build());
        assertEquals(200, pulled.statusCode(), "seed " + SEED + ": pull after fuzzing");
        assertEquals(new String(manifest, StandardCharsets.UTF_8), RunningRegistry.text(pulled));
    }

    private byte[] pushImage(String repository, String tag, int seed) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("fuzz layer " + seed).getBytes(StandardCharsets.UTF_8);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + FuzzRequests.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + registry.pushBlob(repository, config) + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + registry.pushBlob(repository, layer) + "\",\"size\":" + layer.length + "}]}";
        byte[] body = manifest.getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> put = registry.putManifest(repository, tag, FuzzRequests.OCI_MANIFEST, body);
        assertEquals(201, put.statusCode(), () -> "seed " + SEED + ": " + RunningRegistry.text(put));
        repositories.add(repository);
        manifests.computeIfAbsent(repository, r -> new HashSet<>()).add(RunningRegistry.sha256(body));
        tags.computeIfAbsent(repository, r -> new HashMap<>()).put(tag, RunningRegistry.sha256(body));
        return body;
    }

    /** Starts an upload in the base repository for the requests that mutate its PATCH and PUT. */
    private String startUpload() {
        HttpResponse<byte[]> started = registry.send(registry.request("/v2/" + FuzzRequests.REPOSITORY
                + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, started.statusCode(), () -> "seed " + SEED + ": " + RunningRegistry.text(started));
        return started.headers().firstValue("Location").orElseThrow();
    }

    private static ListAppender<ILoggingEvent> capture(String logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    private static String describe(ILoggingEvent event) {
        return event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                : ": " + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage());
    }

    private static Optional<String> header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 300); i++) {
            int b = bytes[i] & 0xff;
            out.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return bytes.length > 300 ? out + "...(" + bytes.length + " bytes)" : out.toString();
    }

}
