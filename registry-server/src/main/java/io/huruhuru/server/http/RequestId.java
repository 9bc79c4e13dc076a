package io.huruhuru.server.http;

import io.huruhuru.server.log.RequestLogContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id, returned in the {@code X-Request-Id} response header (errors included) and written in the
 * access log: the client's own {@code X-Request-Id} when it is well formed and short, so that a proxy's id follows the
 * request through, else a new random one. A client's header is never echoed as it came: only ids of letters, digits
 * and {@code . _ : -} up to 64 characters pass, so a header cannot inject into a log line or a response. The id also
 * goes into the application log lines of the request (see {@link RequestLogContext}).
 */
public final class RequestId implements Handler<RoutingContext> {

    public static final String HEADER = "X-Request-Id";
    /** Where the id is kept in the routing context. */
    public static final String KEY = "huruhuru.requestId";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public void handle(RoutingContext ctx) {
        String id = accepted(ctx.request().getHeader(HEADER));
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        RequestLogContext.enter(id);
        RequestLogContext.within(id, ctx::next);
    }

    /** The id of a request that came with {@code header}: the header if well formed, else a new one. */
    static String accepted(String header) {
        return header != null && WELL_FORMED.matcher(header).matches() ? header : generated();
    }

    /** 128 random bits as 32 hex digits: unique enough to find one request among all of a registry's logs. */
    static String generated() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(id);
    }

    /** The id of the request of {@code ctx}, or {@code -} for a request the handler has not seen. */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "-" : id;
    }
}
