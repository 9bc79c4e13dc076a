package io.huruhuru.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts every request once its response ends: by route, method and status, its duration and response size, the
 * bytes a push or pull moved, the outcome of a manifest push and the reason of a failed authentication. First on the
 * router, so that even a request refused by access control is counted. With the opt-in {@link RepositoryLabel}, the
 * byte counters and manifest pushes also carry a bounded {@code repository} label.
 */
public final class HttpMetrics implements Handler<RoutingContext> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpMetrics.class);

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Duration[] DURATION_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};
    private static final double[] SIZE_BUCKETS = {1, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576,
        4_194_304, 16_777_216, 67_108_864, 268_435_456, 1_073_741_824};

    private static final String PULLED = "Bytes of blobs and manifests sent in pulls";

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter blobBytesPushed;
    private final Counter manifestBytesPushed;
    private final Counter blobBytesPulled;
    private final Counter manifestBytesPulled;
    private final RepositoryLabel repositories;

    /**
     * Counted per request answered 2xx, not per finished push: the PATCHes of an upload whose final PUT fails count,
     * as the bytes did arrive.
     */
    static final String PUSHED = "Request body bytes of blob upload requests (POST, PATCH, PUT) and manifest PUTs "
            + "answered 2xx";

    /** Meters by their tags: built once, not on every request. */
    private final java.util.concurrent.ConcurrentMap<String, Counter> requests =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<String, Timer> durations =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<String, DistributionSummary> sizes =
            new java.util.concurrent.ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry, RepositoryLabel repositories) {
        this.registry = registry;
        this.repositories = repositories;
        Gauge.builder("huruhuru.http.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests received whose response has not ended yet").register(registry);
        blobBytesPushed = bytes("huruhuru.pushed", "blob", PUSHED);
        manifestBytesPushed = bytes("huruhuru.pushed", "manifest", PUSHED);
        blobBytesPulled = bytes("huruhuru.pulled", "blob", PULLED);
        manifestBytesPulled = bytes("huruhuru.pulled", "manifest", PULLED);
    }

    /** The unlabelled counter of {@code kind}, or null with the repository label on (one counter per label then). */
    private Counter bytes(String name, String kind, String description) {
        Counter.Builder builder = Counter.builder(name).baseUnit("bytes").tag("kind", kind).description(description);
        return repositories.enabled() ? null : builder.register(registry);
    }

    /** {@code unlabelled}, or with the repository label on, the counter of its name and kind for {@code repository}. */
    private Counter bytes(Counter unlabelled, String name, String kind, String description, String repository) {
        if (!repositories.enabled()) {
            return unlabelled;
        }
        return Counter.builder(name).baseUnit("bytes").tags("kind", kind, "repository", repository)
                .description(description).register(registry);
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        inFlight.incrementAndGet();
        ctx.addEndHandler(ended -> {
            inFlight.decrementAndGet();
            try {
                ended(ctx, System.nanoTime() - started);
            } catch (RuntimeException e) {
                // a metric must never fail a request, nor go missing without a word
                LOG.warn("counting request failed", e);
            }
        });
        ctx.next();
    }

    private void ended(RoutingContext ctx, long nanos) {
        HttpServerRequest request = ctx.request();
        RouteLabel route = RouteLabel.of(request.path());
        String method = method(request.method().name());
        int status = ctx.response().getStatusCode();
        long sent = ctx.response().bytesWritten();
        requests.computeIfAbsent(route.label() + ' ' + method + ' ' + status, key -> Counter
                .builder("huruhuru.http.requests").description("Requests answered, by route, method and status")
                .tags("route", route.label(), "method", method, "status", Integer.toString(status))
                .register(registry)).increment();
        durations.computeIfAbsent(route.label() + ' ' + method, key -> Timer.builder("huruhuru.http.request.duration")
                .description("Time from a request's arrival to the end of its response, by route and method")
                .tags("route", route.label(), "method", method)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        sizes.computeIfAbsent(route.label(), key -> DistributionSummary.builder("huruhuru.http.response.size")
                .baseUnit("bytes").description("Bytes of response bodies, by route").tag("route", route.label())
                .serviceLevelObjectives(SIZE_BUCKETS)
                .register(registry)).record(sent);
        boolean succeeded = status >= 200 && status < 300;
        String repository = repositories.enabled() && route.movesImages()
                ? repositories.of(request.path(), succeeded) : RepositoryLabel.OTHER;
        if (succeeded) {
            moved(route, method, repository, request.bytesRead(), sent);
        }
        if (route == RouteLabel.MANIFEST && method.equals("PUT")) {
            ManifestPushResult.of(status, ctx.failure()).ifPresent(result -> {
                Counter.Builder pushes = Counter.builder("huruhuru.manifest.pushes")
                        .description("Manifest pushes by result and media type")
                        .tags("result", result.label(), "media_type", ManifestMediaType.label(
                                request.getHeader("Content-Type")));
                if (repositories.enabled()) {
                    pushes.tag("repository", repository);
                }
                pushes.register(registry).increment();
            });
        }
        AuthFailureReason.of(status, ctx.failure(), request.getHeader("Authorization") != null)
                .ifPresent(reason -> Counter.builder("huruhuru.auth.failures")
                        .description("Requests refused by authentication or access control, by reason")
                        .tag("reason", reason.label()).register(registry).increment());
    }

    /** Counts the body bytes of successful pushes (blob uploads, manifests) and of pulls (blobs, manifests). */
    private void moved(RouteLabel route, String method, String repository, long received, long sent) {
        if (route == RouteLabel.BLOB_UPLOAD && (method.equals("PATCH") || method.equals("PUT")
                || method.equals("POST"))) {
            bytes(blobBytesPushed, "huruhuru.pushed", "blob", PUSHED, repository).increment(received);
        } else if (route == RouteLabel.MANIFEST && method.equals("PUT")) {
            bytes(manifestBytesPushed, "huruhuru.pushed", "manifest", PUSHED, repository).increment(received);
        } else if (route == RouteLabel.BLOB && method.equals("GET")) {
            bytes(blobBytesPulled, "huruhuru.pulled", "blob", PULLED, repository).increment(sent);
        } else if (route == RouteLabel.MANIFEST && method.equals("GET")) {
            bytes(manifestBytesPulled, "huruhuru.pulled", "manifest", PULLED, repository).increment(sent);
        }
    }

    private static String method(String name) {
        return METHODS.contains(name) ? name : "other";
    }
}
