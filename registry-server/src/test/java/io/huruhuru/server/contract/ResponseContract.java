package io.huruhuru.server.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks a response of the in-process registry against {@code openapi/openapi.yaml} with vertx-openapi's
 * {@link ResponseValidator}: the operation exists, declares the status, the declared headers are there and match
 * their schemas, the {@code Content-Type} is one the response declares, and a JSON body matches its schema in full.
 * A request that no operation matches must be refused with the OCI error body (a path the router does not serve).
 * Counts what it checked, for {@link ValidationCount}.
 */
public final class ResponseContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger VALIDATED = new AtomicInteger();
    private static final Set<String> EXERCISED = ConcurrentHashMap.newKeySet();
    private static volatile ResponseContract instance;

    private final ApiDocument document;
    private final ResponseValidator bodies;
    private final ResponseValidator headers;

    private ResponseContract(ApiDocument document, ResponseValidator bodies, ResponseValidator headers) {
        this.document = document;
        this.bodies = bodies;
        this.headers = headers;
    }

    /** The contract of the served document, loaded (and checked as OpenAPI 3.1 by vertx-openapi) once. */
    public static ResponseContract get() {
        ResponseContract current = instance;
        if (current == null) {
            synchronized (ResponseContract.class) {
                if (instance == null) {
                    instance = load();
                }
                current = instance;
            }
        }
        return current;
    }

    private static ResponseContract load() {
        ApiDocument document = ApiDocument.load();
        // a Vert.x of its own, for the validators' blocking work, apart from every registry a test starts and stops
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
        OpenAPIContract withBodies = await(OpenAPIContract.from(vertx, ValidatorViews.bodies(document)));
        OpenAPIContract withoutBodies = await(OpenAPIContract.from(vertx, ValidatorViews.headersOnly(document)));
        return new ResponseContract(document, ResponseValidator.create(vertx, withBodies),
                ResponseValidator.create(vertx, withoutBodies));
    }

    /** How many responses were checked in this JVM so far. */
    public static int validated() {
        return VALIDATED.get();
    }

    /** The operations that answered at least one checked response. */
    public static Set<String> exercised() {
        return Set.copyOf(EXERCISED);
    }

    public ApiDocument document() {
        return document;
    }

    /** Checks {@code response} (its request's method and path); throws AssertionError when it deviates. */
    public void check(HttpResponse<byte[]> response) {
        check(response.request().method(), response.request().uri().getRawPath(), response.statusCode(),
                response.headers().map(), response.body() == null ? new byte[0] : response.body());
    }

    /** Checks one response given by its parts; header names in any case. */
    public void check(String method, String rawPath, int status, Map<String, List<String>> actualHeaders, byte[] body) {
        Optional<ApiDocument.Operation> found = document.operation(method, RoutedPath.of(rawPath));
        if (found.isEmpty()) {
            checkUnrouted(method + " " + rawPath + " answered " + status, status, header(actualHeaders, "Content-Type"),
                    body, method);
            VALIDATED.incrementAndGet();
            return;
        }
        ApiDocument.Operation operation = found.get();
        String what = method + " " + rawPath + " answered " + status + " (" + operation.operationId() + ")";
        Optional<io.vertx.core.json.JsonObject> declared = document.response(operation, status);
        if (declared.isEmpty()) {
            throw new AssertionError(what + ": openapi.yaml declares no response " + status + " for this operation; "
                    + "body: " + text(body));
        }
        Map<String, String> named = new LinkedHashMap<>();
        for (String name : ApiDocument.headerNames(declared.get())) {
            String value = header(actualHeaders, name);
            if (value != null) {
                named.put(name, asDecoded(value));
            }
        }
        List<String> mediaTypes = ApiDocument.mediaTypes(declared.get());
        String contentType = header(actualHeaders, "Content-Type");
        boolean head = method.equalsIgnoreCase("HEAD");
        if (mediaTypes.isEmpty()) {
            if (body.length > 0) {
                throw new AssertionError(what + ": openapi.yaml declares no body, but it had " + body.length
                        + " bytes of " + contentType + ": " + text(body));
            }
        } else {
            String matched = mediaTypes.stream()
                    .filter(type -> contentType != null
                            && ApiDocument.normalized(type).equals(ApiDocument.normalized(contentType)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(what + ": Content-Type " + contentType
                            + " is none of those openapi.yaml declares: " + mediaTypes));
            if (!head && ApiDocument.isJson(matched)) {
                await(bodies.validate(ValidatableResponse.create(status, named, Buffer.buffer(body),
                        ValidatorViews.viewMediaType(matched)), operation.operationId()), what, body);
                count(operation);
                return;
            }
        }
        await(headers.validate(ValidatableResponse.create(status, named), operation.operationId()), what, body);
        count(operation);
    }

    /**
     * The header value in the form vertx-openapi 5.0.7 decodes back to {@code value}: it reads a header that is not
     * a single word as JSON (so {@code "sha256:..."}, an ETag, would lose its quotes, and {@code Bearer realm="..."}
     * could not be read at all); a JSON string literal decodes to exactly the value, a number or word stays as it is.
     */
    static String asDecoded(String value) {
        return value.matches("\\w+|-?[0-9]+(\\.[0-9]+)?") ? value : Json.encode(value);
    }

    /**
     * Checks the first answer to raw request bytes, when they begin with a request line for a path (hostile tests send
     * much that is not one: those answers describe no operation). {@code head} is the status line and headers.
     */
    public void checkRaw(byte[] request, int status, String head, byte[] body) {
        String text = new String(request, 0, Math.min(request.length, 8192), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher line = java.util.regex.Pattern
                .compile("^([A-Z]+) (/[^ ?\\r\\n]*)(\\?[^ \\r\\n]*)? HTTP/1\\.[01]\\r?\\n").matcher(text);
        if (!line.find() || status < 200) {
            return; // not a request for a path, or an interim answer (100 Continue) rather than the response
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String field : head.split("\\r\\n")) {
            int colon = field.indexOf(':');
            if (colon > 0 && !field.startsWith("HTTP/")) {
                headers.computeIfAbsent(field.substring(0, colon).trim(), k -> new java.util.ArrayList<>())
                        .add(field.substring(colon + 1).trim());
            }
        }
        String length = header(headers, "Content-Length");
        if (length != null && !line.group(1).equals("HEAD") && !length.equals(Integer.toString(body.length))) {
            return; // the connection broke off within the answer: there is no whole response to check
        }
        try {
            check(line.group(1), line.group(2), status, headers, body);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nrequest: " + text.lines().limit(12).toList()
                    + "\nanswer: " + head.lines().toList(), e);
        }
    }

    private static void count(ApiDocument.Operation operation) {
        VALIDATED.incrementAndGet();
        EXERCISED.add(operation.operationId());
    }

    /** A request no operation describes: the router's refusal, in the OCI error form, never a success. */
    private void checkUnrouted(String what, int status, String contentType, byte[] body, String method) {
        if (status < 400 || status >= 500) {
            throw new AssertionError(what + ": no operation of openapi.yaml describes this request, yet it was "
                    + "answered " + status + ": the route is missing from the document");
        }
        if (method.equalsIgnoreCase("HEAD") || status == 431 && body.length == 0) {
            return; // a head over the HTTP server's limit is refused before routing, without a body, at any path
        }
        if (contentType == null || !ApiDocument.normalized(contentType).equals("application/json")) {
            throw new AssertionError(what + ": a refusal must be the OCI error body, got " + contentType);
        }
        try {
            JsonNode errors = JSON.readTree(body).get("errors");
            if (errors == null || !errors.isArray() || errors.isEmpty()) {
                throw new AssertionError(what + ": no errors array in " + text(body));
            }
            for (JsonNode error : errors) {
                if (!document.errorCodes().contains(error.path("code").asText())
                        || !error.path("message").isTextual()) {
                    throw new AssertionError(what + ": an error openapi.yaml does not describe: " + error);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(what + ": the refusal is not JSON: " + text(body), e);
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return String.join(",", entry.getValue());
            }
        }
        return null;
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("openapi.yaml cannot be loaded: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(io.vertx.core.Future<?> validation, String what, byte[] body) {
        try {
            validation.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " deviates from openapi.yaml: " + e.getCause().getMessage()
                    + "; body: " + text(body), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 400), java.nio.charset.StandardCharsets.UTF_8);
        return body.length > 400 ? text + "..." : text;
    }
}
