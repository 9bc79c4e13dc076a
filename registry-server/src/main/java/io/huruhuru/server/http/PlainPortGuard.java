package io.huruhuru.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;

/**
 * Answers a TLS handshake that arrives on the plain-HTTP port at once, instead of letting the HTTP parser wait for a
 * line end that never comes. Clients run with {@code --tls-verify=false} (skopeo, podman, docker) try TLS first and
 * fall back to plain HTTP when they get an HTTP answer; a silent port makes them hang until their own time-out.
 */
public final class PlainPortGuard extends ChannelInboundHandlerAdapter {

    /** The first byte of a TLS record carrying a handshake (RFC 8446 section 5.1, ContentType.handshake). */
    private static final int TLS_HANDSHAKE = 0x16;

    private static final byte[] ANSWER = ("HTTP/1.1 400 Bad Request\r\n"
            + "Content-Type: text/plain\r\n"
            + "Connection: close\r\n"
            + "Content-Length: 38\r\n\r\n"
            + "This port speaks HTTP, not HTTPS/TLS.\n").getBytes(StandardCharsets.US_ASCII);

    /** Puts a guard in front of the HTTP codec of a newly accepted connection. */
    public static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channelHandlerContext().pipeline().addFirst("huruhuru-plain-port-guard", new PlainPortGuard());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof ByteBuf bytes && bytes.isReadable()) {
            if (bytes.getUnsignedByte(bytes.readerIndex()) == TLS_HANDSHAKE) {
                bytes.release();
                ctx.writeAndFlush(Unpooled.wrappedBuffer(ANSWER)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(message);
    }
}
