package io.huruhuru.server.contract;

import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * The two forms of the document that vertx-openapi 5.0.7 loads. It takes responses only of {@code application/json},
 * {@code text/plain}, {@code application/octet-stream} and {@code <type>/vnd.<name>+json}, and refuses to load a
 * contract naming any other (ours names {@code application/yaml}, {@code image/svg+xml}, PEM, form bodies...). So:
 * <ul>
 *   <li>{@link #bodies}: responses keep only their JSON media types, each renamed to a vendor type it accepts
 *       ({@link #viewMediaType}), so that JSON bodies are checked against their schemas in full;</li>
 *   <li>{@link #headersOnly}: responses lose their content, for HEAD answers, streamed blobs and text, whose
 *       status and headers it checks while {@link ResponseContract} checks their media type itself.</li>
 * </ul>
 * Request bodies are dropped from both: only responses are validated.
 */
final class ValidatorViews {

    private ValidatorViews() {
    }

    static JsonObject bodies(ApiDocument document) {
        return view(document, response -> {
            JsonObject content = response.getJsonObject("content");
            if (content == null) {
                return;
            }
            JsonObject kept = new JsonObject();
            for (String type : content.fieldNames()) {
                if (ApiDocument.isJson(type)) {
                    kept.put(viewMediaType(type), content.getValue(type));
                }
            }
            if (kept.isEmpty()) {
                response.remove("content");
            } else {
                response.put("content", kept);
            }
        });
    }

    static JsonObject headersOnly(ApiDocument document) {
        return view(document, response -> response.remove("content"));
    }

    /**
     * The name under which {@link #bodies} keeps a JSON media type: {@code application/json} as it is, any other
     * {@code <type>/<subtype>+json} as {@code <type>/vnd.huruhuru.<subtype>+json} unless it is a vendor type already.
     */
    static String viewMediaType(String mediaType) {
        String essence = ApiDocument.normalized(mediaType).split(";", 2)[0];
        if (essence.equals("application/json")) {
            return "application/json";
        }
        String[] parts = essence.split("/", 2);
        return parts[1].startsWith("vnd.") ? essence : parts[0] + "/vnd.huruhuru." + parts[1];
    }

    private static JsonObject view(ApiDocument document, Consumer<JsonObject> eachResponse) {
        JsonObject json = document.json();
        JsonObject paths = json.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (!(item.getValue(method) instanceof JsonObject operation) || method.equals("parameters")) {
                    continue;
                }
                operation.remove("requestBody");
                JsonObject responses = operation.getJsonObject("responses");
                for (String status : responses.fieldNames()) {
                    JsonObject response = responses.getJsonObject(status);
                    if (!response.containsKey("$ref")) {
                        eachResponse.accept(response);
                    }
                }
            }
        }
        JsonObject shared = json.getJsonObject("components").getJsonObject("responses");
        for (String name : shared.fieldNames()) {
            eachResponse.accept(shared.getJsonObject(name));
        }
        return json;
    }
}
