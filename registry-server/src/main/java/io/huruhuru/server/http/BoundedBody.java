package io.huruhuru.server.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** Reads a small request body (a manifest) whole, refusing one larger than a limit with 413 as soon as it is known. */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** Must be called before any asynchronous step of the handler, so that no body bytes are missed. */
    public static Future<Buffer> read(RoutingContext ctx, int limit) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null && parseLength(declared) > limit) {
            return tooLarge(ctx, limit);
        }
        Promise<Buffer> body = Promise.promise();
        Buffer collected = Buffer.buffer(declared == null ? 4096 : (int) parseLength(declared));
        request.handler(chunk -> {
            if (collected.length() + chunk.length() > limit) {
                request.handler(null);
                tooLarge(ctx, limit).onFailure(body::tryFail);
                return;
            }
            collected.appendBuffer(chunk);
        });
        request.endHandler(ended -> body.tryComplete(collected));
        // The stream fails when the client breaks its framing (a chunk size or trailer that does not parse) or goes
        // away: the request's fault, not the registry's.
        request.exceptionHandler(failure -> body.tryFail(RegistryException.of(ErrorCode.REQUEST_INVALID,
                "the request body could not be read: " + failure.getMessage())));
        return body.future();
    }

    private static long parseLength(String header) {
        try {
            long length = Long.parseLong(header.trim());
            if (length < 0) {
                throw new NumberFormatException(header);
            }
            return length;
        } catch (NumberFormatException e) {
            throw RegistryException.of(ErrorCode.SIZE_INVALID, "Content-Length is not a size: " + header);
        }
    }

    private static Future<Buffer> tooLarge(RoutingContext ctx, int limit) {
        // The rest of the body is not read: closing the connection after the answer is cheaper than draining it.
        ctx.response().putHeader("Connection", "close");
        return Future.failedFuture(RegistryException.of(ErrorCode.TOO_LARGE,
                "body larger than the limit of " + limit + " bytes"));
    }
}
