package io.huruhuru.server.http;

import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.gc.GarbageCollection;
import io.huruhuru.server.gc.GcHandlers;
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
import java.util.Optional;

/**
 * Every route of the HTTP API, one per line. Repository names contain slashes, so each /v2 route is a regular
 * expression whose greedy {@code name} group ends at the last {@code /blobs/}, {@code /manifests/}, ... of the path.
 */
public final class RegistryApi {

    private static final String NAME = "/v2/(?<name>.+)";

    private RegistryApi() {
    }

    public static Router router(Vertx vertx, RegistryStore store, Blocking blocking, RegistryConfig.Http http,
            PushValidation validation, ManifestSigning signing, UploadListener.Factory uploadListeners,
            Optional<AccessLog> accessLog, QuotaCheck quota, GarbageCollection collection) {
        int maxManifestBytes = http.maxManifestBytes();
        UploadHandlers uploads = new UploadHandlers(store.uploads(), uploadListeners, store.blobs(), blocking, quota);
        BlobHandlers blobs = new BlobHandlers(store.blobs(), blocking);
        ManifestHandlers manifests = new ManifestHandlers(store, blocking, maxManifestBytes, validation, signing);
        TagHandlers tags = new TagHandlers(store, blocking);
        ReferrerHandlers referrers = new ReferrerHandlers(store, blocking);
        ValidationHandlers validations = new ValidationHandlers(store, blocking, validation, maxManifestBytes);
        KeyHandlers keys = new KeyHandlers(signing.keys());
        GcHandlers gc = new GcHandlers(collection);

        Router router = Router.router(vertx);
        accessLog.ifPresent(log -> router.route().handler(log));
        router.route().handler(new UriCheck());
        router.route("/v2/*").handler(ctx -> {
            ctx.response().putHeader("Docker-Distribution-API-Version", "registry/2.0");
            ctx.next();
        });
        router.route(HttpMethod.GET, "/v2/").handler(RegistryApi::base);
        router.route(HttpMethod.HEAD, "/v2/").handler(RegistryApi::base);
        router.get("/v2/_catalog").handler(tags::catalog);

        router.routeWithRegex(HttpMethod.POST, NAME + "/blobs/uploads/?").handler(uploads::start);
        router.routeWithRegex(HttpMethod.PATCH, NAME + "/blobs/uploads/(?<id>[^/]+)").handler(uploads::patch);
        router.routeWithRegex(HttpMethod.PUT, NAME + "/blobs/uploads/(?<id>[^/]+)").handler(uploads::complete);
        router.routeWithRegex(HttpMethod.GET, NAME + "/blobs/uploads/(?<id>[^/]+)").handler(uploads::status);
        router.routeWithRegex(HttpMethod.DELETE, NAME + "/blobs/uploads/(?<id>[^/]+)").handler(uploads::cancel);

        router.routeWithRegex(HttpMethod.GET, NAME + "/blobs/(?<digest>[^/]+)").handler(blobs::get);
        router.routeWithRegex(HttpMethod.HEAD, NAME + "/blobs/(?<digest>[^/]+)").handler(blobs::get);
        router.routeWithRegex(HttpMethod.DELETE, NAME + "/blobs/(?<digest>[^/]+)").handler(blobs::delete);

        router.routeWithRegex(HttpMethod.GET, NAME + "/manifests/(?<reference>[^/]+)").handler(manifests::get);
        router.routeWithRegex(HttpMethod.HEAD, NAME + "/manifests/(?<reference>[^/]+)").handler(manifests::get);
        router.routeWithRegex(HttpMethod.PUT, NAME + "/manifests/(?<reference>[^/]+)").handler(manifests::put);
        router.routeWithRegex(HttpMethod.DELETE, NAME + "/manifests/(?<reference>[^/]+)").handler(manifests::delete);

        router.routeWithRegex(HttpMethod.GET, NAME + "/tags/list").handler(tags::list);
        router.routeWithRegex(HttpMethod.GET, NAME + "/referrers/(?<digest>[^/]+)").handler(referrers::list);

        router.post("/sel4/v1/validations").handler(validations::validate);
        router.routeWithRegex(HttpMethod.GET, "/sel4/v1/validations/(?<name>.+)/(?<digest>[^/]+)")
                .handler(validations::report);
        router.get("/sel4/v1/keys").handler(keys::get);
        router.post("/sel4/v1/gc").handler(gc::collect);
        router.get("/sel4/v1/gc").handler(gc::status);

        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(new FailureHandler());
        return router;
    }

    private static void base(io.vertx.ext.web.RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Content-Length", "2").end("{}");
    }
}
