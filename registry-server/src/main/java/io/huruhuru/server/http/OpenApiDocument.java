package io.huruhuru.server.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.yaml}: the OpenAPI 3.1 description of the HTTP API, as built into the server's jar. */
public final class OpenApiDocument implements Handler<RoutingContext> {

    public static final String PATH = "/openapi.yaml";
    /** The media type of RFC 9512. */
    public static final String MEDIA_TYPE = "application/yaml";

    private final Buffer document;

    private OpenApiDocument(Buffer document) {
        this.document = document;
    }

    /** The document, read from the classpath once per process, so that neither a request nor a verticle reads it. */
    public static OpenApiDocument load() {
        return Loaded.DOCUMENT;
    }

    /** Holds the document from the first {@link #load()} on. */
    private static final class Loaded {
        static final OpenApiDocument DOCUMENT = read();
    }

    private static OpenApiDocument read() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is not on the classpath: the build copies it from openapi/");
            }
            return new OpenApiDocument(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's bytes. */
    public Buffer bytes() {
        return document;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Content-Length", Integer.toString(document.length()))
                .end(document);
    }
}
