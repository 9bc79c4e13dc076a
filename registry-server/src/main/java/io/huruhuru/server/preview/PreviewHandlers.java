package io.huruhuru.server.preview;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.server.auth.AccessControl;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.BoundedBody;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.http.Requests;
import io.huruhuru.storage.preview.ListedPreview;
import io.huruhuru.storage.preview.PreviewId;
import io.huruhuru.storage.preview.PreviewKind;
import io.huruhuru.storage.preview.PreviewSubject;
import io.huruhuru.storage.preview.StoredPreview;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The boot preview API under {@code /sel4/v1}: previews of stored images ({@code /previews}), of compose systems of
 * them ({@code /systems}), and the platforms ({@code /platforms}). The model runs on a worker; a request names its
 * repositories in its body or through a kept report, so access is checked here, once they are known.
 */
public final class PreviewHandlers {

    /** The most entries a list answers; a repository with more shows its first by manifest digest. */
    static final int LIST_LIMIT = 1000;
    private static final String JSON = "application/json";
    /** The media types YAML goes by (RFC 9512 registers application/yaml; the others are older usage). */
    static final List<String> COMPOSE_TYPES = List.of("application/yaml", "application/x-yaml", "text/yaml");

    private final ImagePreviews previews;
    private final Blocking blocking;
    private final PreviewSlots slots;
    private final AccessControl access;
    private final Optional<String> registryName;

    public PreviewHandlers(ImagePreviews previews, Blocking blocking, AccessControl access,
            Optional<String> registryName) {
        this.previews = previews;
        this.blocking = blocking;
        this.slots = new PreviewSlots(blocking);
        this.access = access;
        this.registryName = registryName;
    }

    /**
     * {@code POST /sel4/v1/previews}: 201 with the report when computed and kept now, 200 when kept already, 200
     * without a Location when the request changes the process or budget (not kept).
     */
    public void create(RoutingContext ctx) {
        Set<String> hosts = ownHosts(ctx);
        BoundedBody.read(ctx, PreviewRequest.MAX_BODY_BYTES).onSuccess(failing(ctx, body -> {
            PreviewRequest request = PreviewRequest.parse(body.getBytes());
            RegistryImage image = RegistryImage.parse(request.image(), hosts, ErrorCode.PREVIEW_INVALID);
            Platform platform = ImagePreviews.platform(request.platform());
            if (!access.mayPull(ctx, List.of(image.repository()))) {
                return;
            }
            slots.run(() -> previews.preview(image, platform, request.process(), request.budget()))
                    .onSuccess(computed -> created(ctx, "/sel4/v1/previews/", computed))
                    .onFailure(failure -> refused(ctx, failure));
        })).onFailure(ctx::fail);
    }

    /** {@code POST /sel4/v1/systems?platform=P}: a compose file whose images are in this registry. */
    public void createSystem(RoutingContext ctx) {
        Set<String> hosts = ownHosts(ctx);
        String platformName = ctx.queryParams().get("platform");
        String contentType = mediaType(ctx.request().getHeader("Content-Type"));
        if (!COMPOSE_TYPES.contains(contentType)) {
            throw RegistryException.withMessage(ErrorCode.UNSUPPORTED, "a compose file is sent as "
                    + String.join(", ", COMPOSE_TYPES) + ", not " + (contentType.isEmpty() ? "without a Content-Type"
                    : contentType), contentType);
        }
        BoundedBody.read(ctx, SystemPlan.MAX_BODY_BYTES).onSuccess(failing(ctx, body -> {
            if (platformName == null || platformName.isEmpty()) {
                throw RegistryException.withMessage(ErrorCode.PLATFORM_UNKNOWN,
                        "a system preview needs ?platform=NAME (see GET /sel4/v1/platforms)", "platform missing");
            }
            Platform platform = ImagePreviews.platform(platformName);
            blocking.run(() -> SystemPlan.read(body.getBytes(), platform, hosts)).onSuccess(plan -> {
                if (!access.mayPull(ctx, plan.repositories())) {
                    return;
                }
                slots.run(() -> previews.system(plan))
                        .onSuccess(computed -> created(ctx, "/sel4/v1/systems/", computed))
                        .onFailure(failure -> refused(ctx, failure));
            }).onFailure(ctx::fail);
        })).onFailure(ctx::fail);
    }

    /** {@code GET /sel4/v1/previews/<id>[?format=json|text]}. */
    public void get(RoutingContext ctx) {
        kept(ctx, ImagePreviews.IMAGE, PreviewRendering.ofFormat(ctx.queryParams().get("format")));
    }

    /** {@code GET /sel4/v1/systems/<id>[?format=json|text]}. */
    public void getSystem(RoutingContext ctx) {
        kept(ctx, ImagePreviews.SYSTEM, PreviewRendering.ofFormat(ctx.queryParams().get("format")));
    }

    /** {@code GET /sel4/v1/previews/<id>/memory.svg}: the board's memory and the application's address space. */
    public void picture(RoutingContext ctx) {
        kept(ctx, ImagePreviews.IMAGE, PreviewRendering.SVG);
    }

    /** {@code GET /sel4/v1/systems/<id>/memory.svg}: the protection domains, message servers and channels. */
    public void systemPicture(RoutingContext ctx) {
        kept(ctx, ImagePreviews.SYSTEM, PreviewRendering.SVG);
    }

    /** {@code GET /sel4/v1/previews?repository=NAME[&digest=D]}: the kept previews of a repository's manifests. */
    public void list(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx.queryParams().get("repository"));
        Optional<Digest> digest = Optional.ofNullable(ctx.queryParams().get("digest")).map(Requests::digest);
        blocking.run(() -> withRepositories(previews.list(repository, digest, LIST_LIMIT))).onSuccess(listed -> {
            ObjectNode answer = PreviewReports.JSON.createObjectNode().put("repository", repository.value());
            ArrayNode entries = answer.putArray("previews");
            for (Listed listedEntry : listed) {
                // a system of this repository's images and another's: its summary only to who may pull both
                if (!access.maySee(ctx, listedEntry.repositories())) {
                    continue;
                }
                ListedPreview entry = listedEntry.entry();
                ObjectNode line = entries.addObject().put("id", entry.id().value())
                        .put("manifest", entry.manifest().toString())
                        .put("location", location(entry.kind()) + entry.id().value());
                line.setAll((ObjectNode) PreviewReports.tree(entry.summary()));
            }
            send(ctx, 200, JSON, answer.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }).onFailure(ctx::fail);
    }

    /** Each listed preview with the repositories it is of (a system's are read from its kept report); blocks. */
    private List<Listed> withRepositories(List<ListedPreview> listed) {
        List<Listed> withRepositories = new java.util.ArrayList<>();
        for (ListedPreview entry : listed) {
            if (entry.kind().equals(ImagePreviews.SYSTEM)) {
                // deleted since listed: nothing to show
                previews.get(entry.id()).ifPresent(kept -> withRepositories.add(new Listed(entry, repositories(kept))));
            } else {
                withRepositories.add(new Listed(entry, Set.of()));
            }
        }
        return withRepositories;
    }

    /** A listed preview and the repositories a caller must be able to pull to see it. */
    private record Listed(ListedPreview entry, Set<RepositoryName> repositories) {
    }

    /** {@code GET /sel4/v1/platforms}. */
    public void platforms(RoutingContext ctx) {
        send(ctx, 200, JSON, PlatformsJson.bytes());
    }

    /** A kept report of kind, rendered on the worker once access to its repositories is granted. */
    private void kept(RoutingContext ctx, PreviewKind kind, PreviewRendering rendering) {
        Optional<PreviewId> id = parseId(ctx.pathParam("id"));
        if (id.isEmpty()) {
            throw unknown(ctx.pathParam("id"));
        }
        // one answer, 404, whether the preview is not kept or the caller may not pull one of its repositories:
        // a refusal would tell a caller without access that a preview of that id exists
        blocking.run(() -> previews.get(id.get()).filter(preview -> preview.kind().equals(kind))
                        .orElseThrow(() -> unknown(id.get().value())))
                .onSuccess(failing(ctx, preview -> {
                    if (!access.maySee(ctx, repositories(preview))) {
                        throw unknown(id.get().value());
                    }
                    blocking.run(() -> rendering.render(preview))
                            .onSuccess(body -> send(ctx, 200, rendering.contentType, body))
                            .onFailure(ctx::fail);
                }))
                .onFailure(ctx::fail);
    }

    /** {@code step}, with a refusal it throws answered as the request's failure rather than lost. */
    private static <T> io.vertx.core.Handler<T> failing(RoutingContext ctx, io.vertx.core.Handler<T> step) {
        return value -> {
            try {
                step.handle(value);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        };
    }

    private static Set<RepositoryName> repositories(StoredPreview preview) {
        Set<RepositoryName> repositories = new LinkedHashSet<>();
        for (PreviewSubject subject : preview.subjects()) {
            repositories.add(subject.repository());
        }
        return repositories;
    }

    private static Optional<PreviewId> parseId(String text) {
        try {
            return Optional.of(PreviewId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static RegistryException unknown(String id) {
        return RegistryException.of(ErrorCode.PREVIEW_UNKNOWN, "no preview " + id + " is kept");
    }

    private static String location(PreviewKind kind) {
        return kind.equals(ImagePreviews.SYSTEM) ? "/sel4/v1/systems/" : "/sel4/v1/previews/";
    }

    /** 201 with its Location when kept now, 200 with it when kept before, 200 without one when not kept. */
    private static void created(RoutingContext ctx, String base, ImagePreviews.Computed computed) {
        if (!computed.kept()) {
            send(ctx, 200, JSON, computed.report());
            return;
        }
        ctx.response().putHeader("Location", base + computed.id().value());
        send(ctx, computed.created() ? 201 : 200, JSON, computed.report());
    }

    /** A failed preview, with {@code Retry-After} when it was refused for want of a slot. */
    private static void refused(RoutingContext ctx, Throwable failure) {
        if (failure instanceof RegistryException busy && busy.code() == ErrorCode.TOOMANYREQUESTS) {
            ctx.response().putHeader("Retry-After", PreviewSlots.RETRY_AFTER_SECONDS);
        }
        ctx.fail(failure);
    }

    private static void send(RoutingContext ctx, int status, String contentType, byte[] body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(body.length))
                .end(Buffer.buffer(body));
    }

    /** The media type of a Content-Type header without its parameters, lower case; empty when there is none. */
    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** The names an {@code image:} prefix may give this registry: where the request reached it, and its own name. */
    private Set<String> ownHosts(RoutingContext ctx) {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(Requests.reachedAddress(ctx));
        String host = ctx.request().getHeader("Host");
        if (host != null && !host.isEmpty()) {
            hosts.add(host);
        }
        registryName.ifPresent(hosts::add);
        return hosts;
    }
}
