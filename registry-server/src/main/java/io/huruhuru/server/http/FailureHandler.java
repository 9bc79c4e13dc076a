package io.huruhuru.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.ImageConfigInvalidException;
import io.huruhuru.oci.InvalidDigestException;
import io.huruhuru.oci.InvalidRepositoryNameException;
import io.huruhuru.oci.InvalidTagException;
import io.huruhuru.oci.ManifestInvalidException;
import io.huruhuru.oci.UnsupportedManifestTypeException;
import io.huruhuru.storage.blob.BlobUnknownException;
import io.huruhuru.storage.quota.QuotaExceededException;
import io.huruhuru.storage.upload.DigestMismatchException;
import io.huruhuru.storage.upload.UploadBusyException;
import io.huruhuru.storage.upload.UploadUnknownException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
        if (hasUnreadBody(ctx.request())) {
            // The refused request's body is not read (it may be paused, or gigabytes long): close the connection
            // after the answer rather than leave it stalled or drain what nobody will use.
            response.putHeader("Connection", "close");
        }
        Buffer bytes = Buffer.buffer(body(error));
        response.setStatusCode(error.status())
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(bytes.length()));
        if (ctx.request().method().name().equals("HEAD")) {
            response.end();
        } else {
            response.end(bytes);
        }
    }

    /** The OCI error body of {@code error}, also for refusals made below the router (see {@link RequestHeadGuard}). */
    static byte[] body(RegistryException error) {
        ObjectNode entry = JSON.createObjectNode()
                .put("code", error.code().name())
                .put("message", error.getMessage());
        entry.set("detail", JSON.valueToTree(error.detail() == null ? "" : error.detail()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode errors = body.putArray("errors");
        errors.add(entry);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether body bytes of {@code request} may still be on their way (a request without a body ends at once). */
    private static boolean hasUnreadBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || length != null && !length.trim().equals("0");
    }

    /**
     * Every exception of the oci and storage modules that a request may raise, registered once with its error code.
     * A subclass is looked up before its superclass, so {@link UnsupportedManifestTypeException} is UNSUPPORTED while
     * every other {@link ManifestInvalidException} is MANIFEST_INVALID.
     */
    private static final Map<Class<?>, ErrorCode> DOMAIN_CODES = Map.ofEntries(
            Map.entry(InvalidDigestException.class, ErrorCode.DIGEST_INVALID),
            Map.entry(InvalidRepositoryNameException.class, ErrorCode.NAME_INVALID),
            Map.entry(InvalidTagException.class, ErrorCode.TAG_INVALID),
            Map.entry(UnsupportedManifestTypeException.class, ErrorCode.UNSUPPORTED),
            Map.entry(ManifestInvalidException.class, ErrorCode.MANIFEST_INVALID),
            Map.entry(ImageConfigInvalidException.class, ErrorCode.MANIFEST_INVALID),
            Map.entry(BlobUnknownException.class, ErrorCode.BLOB_UNKNOWN),
            Map.entry(DigestMismatchException.class, ErrorCode.DIGEST_INVALID),
            Map.entry(UploadUnknownException.class, ErrorCode.BLOB_UPLOAD_UNKNOWN),
            Map.entry(UploadBusyException.class, ErrorCode.RANGE_INVALID),
            Map.entry(QuotaExceededException.class, ErrorCode.DENIED));

    /** The refusal that {@code failure} stands for, or null for a failure of the registry itself. */
    static RegistryException translate(Throwable failure, int statusCode) {
        if (failure instanceof RegistryException registry) {
            return registry;
        }
        if (failure instanceof HttpException http) {
            return fromStatus(http.getStatusCode(), http.getPayload());
        }
        if (failure == null) {
            return fromStatus(statusCode, null);
        }
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            ErrorCode code = DOMAIN_CODES.get(type);
            if (code != null && failure instanceof QuotaExceededException quota) {
                return quotaExceeded(code, quota);
            }
            if (code != null) {
                return RegistryException.of(code, failure.getMessage());
            }
        }
        return null;
    }

    /** Clients show only the message, so it says the quota and the usage; the detail gives them as numbers. */
    private static RegistryException quotaExceeded(ErrorCode code, QuotaExceededException quota) {
        String message = "quota exceeded: repository " + quota.repository() + " has a quota of " + quota.limit()
                + " bytes and uses " + quota.usage() + " bytes; this push adds " + quota.adding() + " bytes";
        return RegistryException.withMessage(code, message, Map.of("repository", quota.repository().value(),
                "quota", quota.limit(), "usage", quota.usage(), "adding", quota.adding()));
    }

    private static RegistryException translate(RoutingContext ctx) {
        RegistryException known = translate(ctx.failure(), ctx.statusCode());
        if (known != null) {
            return known;
        }
        // the request id ties this line to the access log's line and to the client's X-Request-Id
        LOG.error("request {} {} failed, request id {}", ctx.request().method(), ctx.request().path(),
                RequestId.of(ctx), ctx.failure());
        return RegistryException.of(ErrorCode.UNKNOWN, "internal error: " + ctx.failure().getClass().getSimpleName());
    }

    /** Errors raised by Vert.x itself (no route, wrong method, malformed URI) in the OCI form. */
    private static RegistryException fromStatus(int status, String payload) {
        String detail = payload == null ? "request failed" : payload;
        return switch (status) {
            case 404 -> RegistryException.of(ErrorCode.NAME_UNKNOWN, "no such endpoint");
            case 405 -> RegistryException.of(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this endpoint");
            case 413 -> RegistryException.of(ErrorCode.TOO_LARGE, "request body too large");
            case 415 -> RegistryException.of(ErrorCode.UNSUPPORTED, detail);
            default -> status >= 500 || status < 400
                    ? RegistryException.of(ErrorCode.UNKNOWN, detail)
                    : RegistryException.of(ErrorCode.REQUEST_INVALID, detail);
        };
    }
}
