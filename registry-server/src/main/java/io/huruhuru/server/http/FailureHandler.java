package io.huruhuru.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.storage.blob.BlobUnknownException;
import io.huruhuru.storage.upload.DigestMismatchException;
import io.huruhuru.storage.upload.UploadBusyException;
import io.huruhuru.storage.upload.UploadUnknownException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every failure of a request as the OCI error body: {@code {"errors":[{"code","message","detail"}]}}. */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handle(RoutingContext ctx) {
        RegistryException error = translate(ctx);
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // Part of a body is already on the wire: the only honest signal left is to cut the connection.
            response.reset();
            return;
        }
        ObjectNode entry = JSON.createObjectNode()
                .put("code", error.code().name())
                .put("message", error.getMessage());
        entry.set("detail", JSON.valueToTree(error.detail() == null ? "" : error.detail()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode errors = body.putArray("errors");
        errors.add(entry);
        Buffer bytes = Buffer.buffer(body.toString());
        response.setStatusCode(error.status())
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(bytes.length()));
        if (ctx.request().method().name().equals("HEAD")) {
            response.end();
        } else {
            response.end(bytes);
        }
    }

    private static RegistryException translate(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof RegistryException registry) {
            return registry;
        }
        if (failure instanceof BlobUnknownException unknown) {
            return RegistryException.of(ErrorCode.BLOB_UNKNOWN, unknown.getMessage());
        }
        if (failure instanceof DigestMismatchException mismatch) {
            return RegistryException.of(ErrorCode.DIGEST_INVALID, mismatch.getMessage());
        }
        if (failure instanceof UploadUnknownException unknown) {
            return RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, unknown.getMessage());
        }
        if (failure instanceof UploadBusyException busy) {
            return RegistryException.withStatus(ErrorCode.BLOB_UPLOAD_INVALID, 416, busy.getMessage());
        }
        if (failure instanceof HttpException http) {
            return fromStatus(http.getStatusCode(), http.getPayload());
        }
        if (failure == null) {
            return fromStatus(ctx.statusCode(), null);
        }
        LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
        return RegistryException.of(ErrorCode.UNKNOWN, "internal error: " + failure.getClass().getSimpleName());
    }

    /** Errors raised by Vert.x itself (no route, wrong method, oversized body) in the OCI form. */
    private static RegistryException fromStatus(int status, String payload) {
        return switch (status) {
            case 404 -> RegistryException.withStatus(ErrorCode.NAME_UNKNOWN, 404, "no such endpoint");
            case 405 -> RegistryException.withStatus(ErrorCode.UNSUPPORTED, 405, "method not allowed on this endpoint");
            case 413 -> RegistryException.withStatus(ErrorCode.SIZE_INVALID, 413, "request body too large");
            default -> status >= 500 || status < 400
                    ? RegistryException.of(ErrorCode.UNKNOWN, payload == null ? "request failed" : payload)
                    : RegistryException.withStatus(ErrorCode.UNSUPPORTED, status, payload == null ? "request failed" : payload);
        };
    }
}
