package io.huruhuru.server.http;

import io.huruhuru.server.auth.AccessControl;
import io.huruhuru.server.auth.AccessSetup;
import io.huruhuru.server.auth.Action;
import io.huruhuru.server.auth.TokenEndpoint;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.gc.GarbageCollection;
import io.huruhuru.server.gc.GcHandlers;
import io.huruhuru.server.preview.PreviewHandlers;
import io.huruhuru.server.health.Health;
import io.huruhuru.server.metrics.MetricsEndpoint;
import io.huruhuru.server.metrics.RegistryMetrics;
import io.huruhuru.server.quota.QuotaCheck;
import io.huruhuru.server.signing.KeyHandlers;
import io.huruhuru.server.signing.ManifestSigning;
import io.huruhuru.server.validation.PushValidation;
import io.huruhuru.server.validation.ValidationHandlers;
import io.huruhuru.server.v2.blob.BlobHandlers;
import io.huruhuru.server.v2.manifest.ManifestHandlers;
import io.huruhuru.server.v2.referrer.ReferrerHandlers;
import io.huruhuru.server.v2.tag.TagHandlers;
import io.huruhuru.server.v2.upload.UploadHandlers;
import io.huruhuru.storage.upload.UploadListener;
import io.huruhuru.storage.RegistryStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;

/**
 * Every route of the HTTP API, one per line, with the action that access control requires of the caller (see
 * {@link AccessControl}). Repository names contain slashes, so each /v2 route is a regular expression whose greedy
 * {@code name} group ends at the last {@code /blobs/}, {@code /manifests/}, ... of the path.
 */
public final class RegistryApi {

    private static final String NAME = "/v2/(?<name>.+)";

    private RegistryApi() {
    }

    public static Router router(Vertx vertx, RegistryStore store, Blocking blocking, RegistryConfig.Http http,
            PushValidation validation, ManifestSigning signing, UploadListener.Factory uploadListeners,
            Optional<AccessLog> accessLog, AccessSetup access, QuotaCheck quota, GarbageCollection collection,
            RegistryMetrics metrics, Optional<MetricsEndpoint> metricsEndpoint, Health health) {
        AccessControl guard = access.control();
        int maxManifestBytes = http.maxManifestBytes();
        UploadHandlers uploads = new UploadHandlers(store.uploads(), uploadListeners, store.blobs(), blocking,
                access.limits().maxUploadBytes(), quota);
        BlobHandlers blobs = new BlobHandlers(store.blobs(), blocking);
        ManifestHandlers manifests = new ManifestHandlers(store, blocking, maxManifestBytes, validation, signing);
        TagHandlers tags = new TagHandlers(store, blocking);
        ReferrerHandlers referrers = new ReferrerHandlers(store, blocking);
        ValidationHandlers validations = new ValidationHandlers(store, blocking, validation, maxManifestBytes);
        KeyHandlers keys = new KeyHandlers(signing.keys());
        GcHandlers gc = new GcHandlers(collection);
        PreviewHandlers previews = new PreviewHandlers(validation.previews(), blocking, guard,
                signing.registryName());

        Router router = Router.router(vertx);
        router.route().handler(new RequestId());
        router.route().handler(metrics.http());
        accessLog.ifPresent(log -> router.route().handler(log));
        router.route().handler(new UriCheck());
        // operations endpoints: unauthenticated, for probes and scrapers that hold no credentials
        router.get("/livez").handler(health::live);
        router.get("/readyz").handler(health::ready);
        router.get("/startupz").handler(health::startup);
        metricsEndpoint.ifPresent(endpoint -> router.get("/metrics").handler(endpoint));
        router.route("/v2/*").handler(ctx -> {
            ctx.response().putHeader("Docker-Distribution-API-Version", "registry/2.0");
            ctx.next();
        });
        router.route(HttpMethod.GET, "/v2/").handler(guard.authenticated()).handler(RegistryApi::base);
        router.route(HttpMethod.HEAD, "/v2/").handler(guard.authenticated()).handler(RegistryApi::base);
        router.get("/v2/_catalog").handler(guard.catalog()).handler(tags::catalog);

        router.routeWithRegex(HttpMethod.POST, NAME + "/blobs/uploads/?")
                .handler(guard.repository(Action.PUSH)).handler(uploads::start);
        router.routeWithRegex(HttpMethod.PATCH, NAME + "/blobs/uploads/(?<id>[^/]+)")
                .handler(guard.repository(Action.PUSH)).handler(uploads::patch);
        router.routeWithRegex(HttpMethod.PUT, NAME + "/blobs/uploads/(?<id>[^/]+)")
                .handler(guard.repository(Action.PUSH)).handler(uploads::complete);
        router.routeWithRegex(HttpMethod.GET, NAME + "/blobs/uploads/(?<id>[^/]+)")
                .handler(guard.repository(Action.PUSH)).handler(uploads::status);
        router.routeWithRegex(HttpMethod.DELETE, NAME + "/blobs/uploads/(?<id>[^/]+)")
                .handler(guard.repository(Action.PUSH)).handler(uploads::cancel);

        router.routeWithRegex(HttpMethod.GET, NAME + "/blobs/(?<digest>[^/]+)")
                .handler(guard.repository(Action.PULL)).handler(blobs::get);
        router.routeWithRegex(HttpMethod.HEAD, NAME + "/blobs/(?<digest>[^/]+)")
                .handler(guard.repository(Action.PULL)).handler(blobs::get);
        router.routeWithRegex(HttpMethod.DELETE, NAME + "/blobs/(?<digest>[^/]+)")
                .handler(guard.repository(Action.DELETE)).handler(blobs::delete);

        router.routeWithRegex(HttpMethod.GET, NAME + "/manifests/(?<reference>[^/]+)")
                .handler(guard.repository(Action.PULL)).handler(manifests::get);
        router.routeWithRegex(HttpMethod.HEAD, NAME + "/manifests/(?<reference>[^/]+)")
                .handler(guard.repository(Action.PULL)).handler(manifests::get);
        router.routeWithRegex(HttpMethod.PUT, NAME + "/manifests/(?<reference>[^/]+)")
                .handler(guard.repository(Action.PUSH)).handler(manifests::put);
        router.routeWithRegex(HttpMethod.DELETE, NAME + "/manifests/(?<reference>[^/]+)")
                .handler(guard.repository(Action.DELETE)).handler(manifests::delete);

        router.routeWithRegex(HttpMethod.GET, NAME + "/tags/list")
                .handler(guard.repository(Action.PULL)).handler(tags::list);
        router.routeWithRegex(HttpMethod.GET, NAME + "/referrers/(?<digest>[^/]+)")
                .handler(guard.repository(Action.PULL)).handler(referrers::list);

        router.post("/sel4/v1/validations").handler(guard.repositoryParameter("repository", Action.PULL,
                Action.VALIDATE))
                .handler(validations::validate);

        router.routeWithRegex(HttpMethod.GET, "/sel4/v1/validations/(?<name>.+)/(?<digest>[^/]+)")
                .handler(guard.repository(Action.PULL))
                .handler(validations::report);
        router.get("/sel4/v1/keys").handler(guard.anyone()).handler(keys::get);
        router.head("/sel4/v1/keys").handler(guard.anyone()).handler(keys::get);
        router.post("/sel4/v1/previews").handler(guard.identified()).handler(previews::create);
        router.get("/sel4/v1/previews").handler(guard.repositoryParameter("repository", Action.PULL))
                .handler(previews::list);
        router.get("/sel4/v1/previews/:id").handler(guard.identified()).handler(previews::get);
        router.get("/sel4/v1/previews/:id/memory.svg").handler(guard.identified()).handler(previews::picture);
        router.post("/sel4/v1/systems").handler(guard.identified()).handler(previews::createSystem);
        router.get("/sel4/v1/systems/:id").handler(guard.identified()).handler(previews::getSystem);
        router.get("/sel4/v1/systems/:id/memory.svg").handler(guard.identified()).handler(previews::systemPicture);
        router.get("/sel4/v1/platforms").handler(guard.authenticated()).handler(previews::platforms);
        router.post("/sel4/v1/gc").handler(guard.administration()).handler(gc::collect);
        router.get("/sel4/v1/gc").handler(guard.administration()).handler(gc::status);

        router.get(TokenEndpoint.PATH).handler(guard.anyone()).handler(token(access, TokenEndpoint::get));
        router.post(TokenEndpoint.PATH).handler(BodyHandler.create(false).setBodyLimit(access.limits().maxBodyBytes()))
                .handler(TokenEndpoint::formDecoded).handler(guard.anyone()).handler(token(access, TokenEndpoint::post));
        router.get(OpenApiDocument.PATH).handler(guard.anyone()).handler(OpenApiDocument.load());
        router.get(TokenEndpoint.JWKS_PATH).handler(guard.anyone()).handler(token(access, TokenEndpoint::jwks));

        router.route().last().handler(ctx -> ctx.fail(404));
        // pathless, as a failure handler of a path would decode a malformed path again, and fail itself
        router.route().failureHandler(TokenEndpoint::formRefused);
        router.route().failureHandler(new FailureHandler());
        return router;
    }

    /** A token endpoint route, or 404 where this registry issues no tokens. */
    private static io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> token(AccessSetup access,
            java.util.function.BiConsumer<TokenEndpoint, io.vertx.ext.web.RoutingContext> route) {
        return ctx -> access.tokens().ifPresentOrElse(endpoint -> route.accept(endpoint, ctx), () -> ctx.fail(404));
    }

    private static void base(io.vertx.ext.web.RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Content-Length", "2").end("{}");
    }
}
