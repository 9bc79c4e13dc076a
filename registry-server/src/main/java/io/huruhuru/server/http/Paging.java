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
 * @param last the entry after which the page starts, as the client wrote it; each list parses it as its entries
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
                throw RegistryException.of(ErrorCode.PAGINATION_NUMBER_INVALID, "n must be a non-negative integer, got: " + n);
            }
        }
        return new Paging(limit, Optional.ofNullable(ctx.request().getParam("last")).filter(s -> !s.isEmpty()));
    }

    /** {@code n=0}: the spec's way of asking for an empty list. */
    public boolean isEmptyPage() {
        return limit.filter(n -> n == 0).isPresent();
    }

    /** How many entries to read: one more than a page, to know whether a next page exists without reading it. */
    public int readLimit() {
        return limit.map(n -> n == Integer.MAX_VALUE ? n : n + 1).orElse(Integer.MAX_VALUE);
    }

    /** The entries of the page among those read with {@link #readLimit()}. */
    public <T> List<T> page(List<T> read) {
        return limit.isEmpty() || read.size() <= limit.get() ? read : read.subList(0, limit.get());
    }

    /** The Link header value pointing at the page after {@code after}. */
    public String nextLink(String path, String after) {
        return "<" + path + "?n=" + limit.orElseThrow() + "&last=" + URLEncoder.encode(after, StandardCharsets.UTF_8)
                + ">; rel=\"next\"";
    }
}
