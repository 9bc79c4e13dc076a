package io.huruhuru.server.http;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The {@code n} and {@code last} query parameters of tag lists and the catalog, and the RFC 5988 {@code Link} header
 * that points at the next page (distribution-spec "Listing Tags").
 *
 * @param limit how many entries the client asked for; empty for all
 * @param last the entry after which the page starts
 */
public record Paging(Optional<Integer> limit, Optional<String> last) {

    public static Paging of(RoutingContext ctx) {
        String n = ctx.request().getParam("n");
        Optional<Integer> limit = Optional.empty();
        if (n != null) {
            try {
                int value = Integer.parseInt(n);
                if (value < 0) {
                    throw new NumberFormatException(n);
                }
                limit = Optional.of(value);
            } catch (NumberFormatException e) {
                throw RegistryException.withStatus(ErrorCode.UNSUPPORTED, 400, "n must be a non-negative integer, got: " + n);
            }
        }
        return new Paging(limit, Optional.ofNullable(ctx.request().getParam("last")).filter(s -> !s.isEmpty()));
    }

    /** How many entries to read: one more than a page, to know whether a next page exists without reading it. */
    public int readLimit() {
        return limit.map(n -> n == Integer.MAX_VALUE ? n : n + 1).orElse(Integer.MAX_VALUE);
    }

    /** Trims what was read to the page and sets the Link header if more entries follow. */
    public List<String> page(List<String> read, RoutingContext ctx, String path) {
        if (limit.isEmpty() || read.size() <= limit.get()) {
            return read;
        }
        List<String> page = read.subList(0, limit.get());
        String next = path + "?n=" + limit.get() + "&last=" + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8);
        ctx.response().putHeader("Link", "<" + next + ">; rel=\"next\"");
        return page;
    }
}
