package io.huruhuru.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Refuses a request head that Vert.x would otherwise answer with a server error, right after the HTTP decoder and
 * before any request object exists: a protocol version other than HTTP/1.0 and 1.1 gets 505 (RFC 9110 15.6.6; an
 * HTTP/2 prior-knowledge preface on this plain port included), and an HTTP/1.1 request without exactly one valid
 * {@code Host} header gets 400 (RFC 9112 3.2), where Vert.x answers 500, and a head the decoder cannot read gets 400
 * with the OCI error body, where Vert.x answers an empty 400. The connection is closed after each.
 */
public final class RequestHeadGuard extends ChannelInboundHandlerAdapter {

    private static final String DECODER = "httpDecoder";

    private static final byte[] VERSION_NOT_SUPPORTED = ("HTTP/1.1 505 HTTP Version Not Supported\r\n"
            + "Content-Type: text/plain\r\n"
            + "Connection: close\r\n"
            + "Content-Length: 40\r\n\r\n"
            + "This port speaks HTTP/1.0 and HTTP/1.1.\n").getBytes(StandardCharsets.US_ASCII);

    private boolean refused;

    /** Puts a guard right behind the HTTP decoder of a newly accepted connection. */
    public static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
            if (pipeline.get(DECODER) != null) {
                pipeline.addAfter(DECODER, "huruhuru-request-head-guard", new RequestHeadGuard());
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (refused) {
            // the rest of a refused request, or requests pipelined behind it, on a connection about to close
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpRequest request) {
            byte[] answer = request.decoderResult().isSuccess() ? refusal(request) : malformed(request);
            if (answer != null) {
                refused = true;
                ReferenceCountUtil.release(message);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(message);
    }

    /**
     * A head the decoder could not read (a negative or repeated Content-Length, say): 400 REQUEST_INVALID with the OCI
     * error body, where Vert.x answers an empty 400. A head over the size limits is left to Vert.x, which answers 431
     * or 414 as RFC 9110 has it.
     */
    private static byte[] malformed(HttpRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongFrameException) {
            return null;
        }
        return badRequest("malformed request head: " + (cause == null ? "unreadable" : cause.getMessage()));
    }

    private static byte[] refusal(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        // By identity: Netty parses "http/1.1" or "HTTP/1.1 x" into versions of their own, which Vert.x answers with 501.
        if (version == HttpVersion.HTTP_1_0) {
            return null;
        }
        if (version != HttpVersion.HTTP_1_1) {
            return VERSION_NOT_SUPPORTED;
        }
        // An iterator rather than getAll: this runs for every request, and the usual case is one Host header.
        Iterator<String> hosts = request.headers().valueStringIterator(HttpHeaderNames.HOST);
        if (!hosts.hasNext()) {
            return badRequest("an HTTP/1.1 request needs a Host header");
        }
        String host = hosts.next();
        if (hosts.hasNext()) {
            return badRequest("an HTTP/1.1 request has one Host header, not "
                    + request.headers().getAll(HttpHeaderNames.HOST).size());
        }
        if (HostAndPort.parseAuthority(host, -1) == null) {
            return badRequest("the Host header is not a host and port");
        }
        return null;
    }

    private static byte[] badRequest(String detail) {
        byte[] body = FailureHandler.body(RegistryException.of(ErrorCode.REQUEST_INVALID, detail));
        byte[] head = ("HTTP/1.1 " + ErrorCode.REQUEST_INVALID.status() + " Bad Request\r\n"
                + "Content-Type: application/json\r\n"
                // below the router, but an answer all the same: it gets an id like every other response
                + RequestId.HEADER + ": " + RequestId.generated() + "\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] answer = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, answer, head.length, body.length);
        return answer;
    }
}
