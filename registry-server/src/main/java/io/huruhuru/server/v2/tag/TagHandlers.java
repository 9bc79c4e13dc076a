package io.huruhuru.server.v2.tag;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.server.auth.Caller;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.Paging;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.http.Requests;
import io.huruhuru.storage.RegistryStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Tag lists ({@code /v2/<name>/tags/list}) and the catalog ({@code /v2/_catalog}), paged in lexical order. The JSON
 * body is written on the worker that read the page, so a 10,000-tag list costs the event loop only its write; the body
 * of a whole tag list is kept and reused while the store returns the same list.
 */
public final class TagHandlers {

    private static final JsonFactory JSON = new JsonFactory();
    /** Bodies of whole tag lists kept: a 10,000-tag list is about 90 KB. */
    private static final long RENDERED_BYTES = 16L << 20;

    private final RegistryStore store;
    private final Blocking blocking;
    private final RenderedLists rendered = new RenderedLists(RENDERED_BYTES);

    public TagHandlers(RegistryStore store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    /** A page of names and the entry a next page would start after, if there is one. */
    private record Page(byte[] json, Optional<String> nextAfter) {
    }

    public void list(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        Paging paging = Paging.of(ctx);
        Optional<Tag> after = paging.last().map(Tag::parse);
        blocking.run(() -> {
                    if (!store.repositories().exists(repository)) {
                        throw RegistryException.of(ErrorCode.NAME_UNKNOWN, "repository " + repository + " is not known");
                    }
                    List<Tag> read = paging.isEmptyPage() ? List.of()
                            : store.tags().list(repository, after, paging.readLimit());
                    return paging.limit().isEmpty() && paging.last().isEmpty() ? whole(repository, paging, read)
                            : page(Optional.of(repository), "tags", paging, read);
                })
                .onSuccess(page -> respond(ctx, paging, page, "/v2/" + repository + "/tags/list"))
                .onFailure(ctx::fail);
    }

    public void catalog(RoutingContext ctx) {
        Paging paging = Paging.of(ctx);
        Optional<RepositoryName> after = paging.last().map(Requests::repository);
        Caller caller = Caller.of(ctx);
        blocking.run(() -> page(Optional.empty(), "repositories", paging,
                        paging.isEmptyPage() ? List.of() : listable(caller, after, paging.readLimit())))
                .onSuccess(page -> respond(ctx, paging, page, "/v2/_catalog"))
                .onFailure(ctx::fail);
    }

    /**
     * Up to {@code limit} repositories after {@code after} that {@code caller} may see, reading on past those it may
     * not, so that a page is as full as the spec expects and its Link names the last one shown.
     */
    private List<RepositoryName> listable(Caller caller, Optional<RepositoryName> after, int limit) {
        List<RepositoryName> read = store.repositories().list(after, limit);
        if (caller == Caller.EVERYONE) {
            return read;
        }
        List<RepositoryName> shown = new java.util.ArrayList<>(Math.min(limit, 1024));
        while (!read.isEmpty()) {
            for (RepositoryName repository : read) {
                if (caller.mayList(repository)) {
                    shown.add(repository);
                    if (shown.size() == limit) {
                        return shown;
                    }
                }
            }
            if (read.size() < limit) {
                break;
            }
            read = store.repositories().list(Optional.of(read.get(read.size() - 1)), limit);
        }
        return shown;
    }

    /** The whole tag list, with the body rendered from this very list if it is kept. */
    private Page whole(RepositoryName repository, Paging paging, List<Tag> read) {
        Optional<byte[]> kept = rendered.get(repository, read);
        if (kept.isPresent()) {
            return new Page(kept.get(), Optional.empty());
        }
        Page page = page(Optional.of(repository), "tags", paging, read);
        rendered.put(repository, read, page.json());
        return page;
    }

    private static Page page(Optional<RepositoryName> repository, String field, Paging paging, List<?> read) {
        List<?> names = paging.page(read);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + names.size() * 16);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            if (repository.isPresent()) {
                json.writeStringField("name", repository.get().value());
            }
            json.writeArrayFieldStart(field);
            for (Object name : names) {
                json.writeString(name.toString());
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<String> nextAfter = names.size() < read.size() ? Optional.of(names.get(names.size() - 1).toString()) : Optional.empty();
        return new Page(out.toByteArray(), nextAfter);
    }

    private static void respond(RoutingContext ctx, Paging paging, Page page, String path) {
        page.nextAfter().ifPresent(after -> ctx.response().putHeader("Link", paging.nextLink(path, after)));
        ctx.response().putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(page.json().length))
                .end(Buffer.buffer(page.json()));
    }
}
