package io.huruhuru.server.contract;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code openapi/openapi.yaml} as the server's jar carries it, read once, with its operations matched to request
 * paths the way the registry's routes match them: a {@code {name}} parameter spans slashes (repository names have
 * them), every other parameter is one path segment, and a trailing slash is optional where the path item says
 * {@code x-huruhuru-trailing-slash-optional}.
 */
public final class ApiDocument {

    /** Where the build puts the document: beside the handler that serves it. */
    public static final String RESOURCE = "/io/huruhuru/server/http/openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "head", "patch", "options");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private static final ApiDocument LOADED = read();

    private final JsonObject raw;
    private final List<Operation> operations;

    /** One operation of the document. */
    public record Operation(String method, String template, String operationId, Optional<String> pending,
            Pattern path) {

        /** Whether a request for {@code method} and {@code rawPath} is one of this operation's. */
        public boolean matches(String method, String rawPath) {
            return this.method.equalsIgnoreCase(method) && path.matcher(rawPath).matches();
        }

        /** A concrete path of this operation, with a two-component repository name and a sha256 digest. */
        public String examplePath() {
            Matcher m = PARAMETER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = switch (m.group(1)) {
                    case "name" -> "library/app";
                    case "digest" -> "sha256:" + "ab".repeat(32);
                    case "reference" -> "latest";
                    default -> "0f3c9a";
                };
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        /** How many characters of the template are literal: the more, the more specific the operation. */
        int literalLength() {
            return PARAMETER.matcher(template).replaceAll("").length();
        }
    }

    private ApiDocument(JsonObject raw) {
        this.raw = raw;
        List<Operation> found = new ArrayList<>();
        JsonObject paths = raw.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(template);
            for (String method : item.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonObject operation = item.getJsonObject(method);
                found.add(new Operation(method.toUpperCase(Locale.ROOT), template, operation.getString("operationId"),
                        Optional.ofNullable(operation.getString("x-huruhuru-pending")),
                        pathPattern(template, item.getBoolean("x-huruhuru-trailing-slash-optional", false))));
            }
        }
        found.sort(Comparator.comparingInt(Operation::literalLength).reversed());
        this.operations = List.copyOf(found);
    }

    /** The document the server serves. */
    public static ApiDocument load() {
        return LOADED;
    }

    private static ApiDocument read() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            Object yaml = new Yaml(new LoaderOptions()).load(in);
            // through JSON text, so that every nested map and list is a JsonObject or JsonArray
            return new ApiDocument(new JsonObject(Json.encode(yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Pattern pathPattern(String template, boolean slashOptional) {
        String body = slashOptional && template.endsWith("/") ? template.substring(0, template.length() - 1)
                : template;
        Matcher m = PARAMETER.matcher(body);
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(body.substring(at, m.start())));
            regex.append(m.group(1).equals("name") ? "(.+)" : "([^/]+)");
            at = m.end();
        }
        regex.append(Pattern.quote(body.substring(at)));
        if (slashOptional && template.endsWith("/")) {
            regex.append("/?");
        }
        return Pattern.compile(regex.toString());
    }

    /** A deep copy of the document as JSON. */
    public JsonObject json() {
        return raw.copy();
    }

    public List<Operation> operations() {
        return operations;
    }

    /** The most specific operation for {@code method} and {@code rawPath}, if the document has one. */
    public Optional<Operation> operation(String method, String rawPath) {
        return operations.stream().filter(op -> op.matches(method, rawPath)).findFirst();
    }

    /** The response object that {@code operation} declares for {@code status}, its {@code $ref} followed. */
    public Optional<JsonObject> response(Operation operation, int status) {
        JsonObject responses = raw.getJsonObject("paths").getJsonObject(operation.template())
                .getJsonObject(operation.method().toLowerCase(Locale.ROOT)).getJsonObject("responses");
        JsonObject response = responses.getJsonObject(Integer.toString(status));
        return Optional.ofNullable(response).map(this::resolved);
    }

    /** {@code node}, or what its {@code $ref} (local, {@code #/...}) points at. */
    public JsonObject resolved(JsonObject node) {
        String ref = node.getString("$ref");
        if (ref == null) {
            return node;
        }
        JsonObject at = raw;
        for (String part : ref.substring(2).split("/")) {
            at = at.getJsonObject(part);
        }
        return resolved(at);
    }

    /** The media types a response declares, as they are written. */
    public static List<String> mediaTypes(JsonObject response) {
        JsonObject content = response.getJsonObject("content");
        return content == null ? List.of() : List.copyOf(content.fieldNames());
    }

    /** The header names a response declares. */
    public static List<String> headerNames(JsonObject response) {
        JsonObject headers = response.getJsonObject("headers");
        return headers == null ? List.of() : List.copyOf(headers.fieldNames());
    }

    /** The error codes that {@code ErrorResponse} allows. */
    public List<String> errorCodes() {
        return raw.getJsonObject("components").getJsonObject("schemas").getJsonObject("ErrorResponse")
                .getJsonObject("properties").getJsonObject("errors").getJsonObject("items")
                .getJsonObject("properties").getJsonObject("code").getJsonArray("enum").stream()
                .map(Object::toString).toList();
    }

    /** A media type without spaces, in lower case, for comparing {@code Content-Type} values. */
    public static String normalized(String mediaType) {
        return mediaType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** Whether the media type's bodies are JSON ({@code application/json} or a {@code +json} suffix). */
    public static boolean isJson(String mediaType) {
        String essence = normalized(mediaType).split(";", 2)[0];
        return essence.equals("application/json") || essence.endsWith("+json");
    }
}
