package io.huruhuru.server;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.auth.AccessSetup;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.gc.GarbageCollection;
import io.huruhuru.server.gc.GcPolicy;
import io.huruhuru.server.gc.GcPolicyLoader;
import io.huruhuru.server.health.Health;
import io.huruhuru.server.metrics.BuildInfo;
import io.huruhuru.server.metrics.MetricsEndpoint;
import io.huruhuru.server.metrics.MetricsServer;
import io.huruhuru.server.metrics.RegistryMetrics;
import io.huruhuru.server.quota.QuotaCheck;
import io.huruhuru.server.signing.ManifestSigning;
import io.huruhuru.server.signing.SigningKeys;
import io.huruhuru.server.http.AccessLog;
import io.huruhuru.server.http.RegistryApi;
import io.huruhuru.server.http.RegistryVerticle;
import io.huruhuru.server.reload.Reloading;
import io.huruhuru.server.tls.TlsFiles;
import io.huruhuru.server.v2.upload.UploadPurge;
import io.huruhuru.server.validation.PushValidation;
import io.huruhuru.server.validation.UploadIndexing;
import io.huruhuru.storage.upload.UploadListener;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.rocksdb.RocksRegistryStore;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.budget.PolicyException;
import io.huruhuru.validation.budget.PolicyLoader;
import io.huruhuru.validation.budget.PolicyRule;
import io.huruhuru.validation.layer.ReadLimits;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running registry: the store, the worker pool and one HTTP verticle per core, started and stopped together. */
public final class Registry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    /** Layers read while they are uploaded at once; more concurrent uploads are read at validation instead. */
    private static final int LAYER_READERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final RegistryConfig config;
    private final Vertx vertx;
    private final RegistryStore store;
    private final Blocking blocking;
    private final String deployment;
    private final List<RegistryVerticle> verticles;
    private final Optional<AccessLog> accessLog;
    private final Optional<UploadIndexing> indexing;
    private final Optional<UploadPurge> purge;
    private final AccessSetup access;
    private final Optional<Reloading<PemKeyCertOptions>> tlsKeys;
    private final GarbageCollection collection;
    private final RegistryMetrics metrics;
    private final Health health;
    private final Optional<HttpServer> metricsServer;

    private Registry(RegistryConfig config, Vertx vertx, RegistryStore store, Blocking blocking, String deployment,
            List<RegistryVerticle> verticles, Optional<AccessLog> accessLog, Optional<UploadIndexing> indexing,
            Optional<UploadPurge> purge, AccessSetup access, Optional<Reloading<PemKeyCertOptions>> tlsKeys,
            GarbageCollection collection, RegistryMetrics metrics, Health health,
            Optional<HttpServer> metricsServer) {
        this.metrics = metrics;
        this.health = health;
        this.metricsServer = metricsServer;
        this.access = access;
        this.tlsKeys = tlsKeys;
        this.config = config;
        this.collection = collection;
        this.purge = purge;
        this.indexing = indexing;
        this.vertx = vertx;
        this.store = store;
        this.blocking = blocking;
        this.deployment = deployment;
        this.verticles = verticles;
        this.accessLog = accessLog;
    }

    /** Opens the data directory and listens; returns once the port is bound. */
    public static Registry start(RegistryConfig config) throws Exception {
        Policy policy = loadPolicy(config.validation());
        // before the store opens: a key that cannot be read stops start-up with nothing to close
        ManifestSigning signing = new ManifestSigning(
                SigningKeys.load(config.signing(), config.storage().dataDirectory()), policy,
                config.signing().registryName());
        GcPolicy gcPolicy = loadGcPolicy(config.gc());
        RegistryStore store = RocksRegistryStore.open(config.storage().dataDirectory(), gcPolicy.quotas());
        QuotaCheck quota = new QuotaCheck(gcPolicy.quotas(), store.repositories());
        GarbageCollection collection = new GarbageCollection(store.collector(), config.gc(), gcPolicy);
        RegistryMetrics metrics = new RegistryMetrics(BuildInfo.current(), config.operations().repositoryLabelTop());
        metrics.bindStore(store);
        metrics.bindCollector(collection.metrics());
        metrics.bindCounter("huruhuru.signatures", "Cosign signatures the registry made for pushed manifests",
                signing::signaturesMade);
        metrics.bindCounter("huruhuru.attestations", "Attestations of validation reports the registry made",
                signing::attestationsMade);
        Optional<UploadIndexing> indexing = layerReading(config.validation().readLayersOnUpload(), policy, store)
                .map(reads -> new UploadIndexing(store.layerIndex(), ReadLimits.DEFAULT, LAYER_READERS, reads));
        PushValidation validation = new PushValidation(store, policy, indexing, metrics.validations(),
                config.validation().previewRuns(), metrics.previews());
        Vertx vertx = Vertx.vertx();
        Blocking blocking = new Blocking(vertx);
        Health health = new Health(store, config.storage().dataDirectory(),
                config.operations().minFreeDiskBytes(), blocking);
        Optional<MetricsEndpoint> metricsHere = config.operations().metricsListen().isPresent() ? Optional.empty()
                : Optional.of(new MetricsEndpoint(metrics, blocking));
        List<RegistryVerticle> verticles = new ArrayList<>();
        Optional<AccessLog> accessLog = config.log().accessLog() ? Optional.of(new AccessLog(config.log().format()))
                : Optional.empty();
        UploadListener.Factory uploadListeners = indexing.<UploadListener.Factory>map(reading -> reading)
                .orElse(UploadListener.Factory.NONE);
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        AccessSetup access = AccessSetup.open();
        Optional<Reloading<PemKeyCertOptions>> tlsKeys = Optional.empty();
        try {
            access = AccessSetup.create(config.security(), config.storage().dataDirectory(), vertx, blocking);
            AccessSetup gate = access;
            tlsKeys = config.security().tls().map(tls -> Reloading.loadApplied("TLS certificate and key",
                    List.of(tls.certificate(), tls.key()), () -> TlsFiles.load(tls), keys -> {
                        synchronized (verticles) {
                            return Future.all(verticles.stream().map(verticle -> verticle.updateTlsKeys(keys))
                                    .toList());
                        }
                    }).watch(vertx, blocking, Reloading.EVERY));
            Optional<Reloading<PemKeyCertOptions>> keys = tlsKeys;
            String deployment = vertx.deployVerticle(() -> {
                        RegistryVerticle verticle = new RegistryVerticle(config.http(), config.security(),
                                () -> keys.orElseThrow().current(), v -> RegistryApi.router(v, store, blocking,
                                        config.http(), validation, signing, uploadListeners, accessLog, gate, quota,
                                        collection, metrics, metricsHere, health));
                        synchronized (verticles) {
                            verticles.add(verticle);
                        }
                        return verticle;
                    }, new DeploymentOptions().setInstances(instances))
                    .await(30, TimeUnit.SECONDS);
            RegistryConfig.Storage storage = config.storage();
            Optional<UploadPurge> purge = storage.purgeUploadsAfter().isZero() ? Optional.empty()
                    : Optional.of(new UploadPurge(vertx, blocking, store.uploads(), storage.purgeUploadsAfter(),
                            storage.purgeUploadsEvery()));
            metrics.bindCounter("huruhuru.uploads.expired", "Uploads purged as abandoned",
                    () -> purge.map(UploadPurge::expired).orElse(0L));
            Optional<HttpServer> metricsServer = config.operations().metricsListen().isPresent()
                    ? Optional.of(MetricsServer.listen(vertx, config.operations().metricsListen().get(),
                            new MetricsEndpoint(metrics, blocking)))
                    : Optional.empty();
            health.started();
            return new Registry(config, vertx, store, blocking, deployment, verticles, accessLog, indexing, purge,
                    access, tlsKeys, collection, metrics, health, metricsServer);
        } catch (Exception e) {
            access.close();
            tlsKeys.ifPresent(Reloading::close);
            vertx.close().await(10, TimeUnit.SECONDS);
            collection.close();
            indexing.ifPresent(UploadIndexing::close);
            store.close();
            accessLog.ifPresent(AccessLog::close);
            metrics.close();
            throw e;
        }
    }

    /** Which repositories' uploads are read while they arrive, if any. */
    private static Optional<Predicate<RepositoryName>> layerReading(RegistryConfig.LayerReading reading, Policy policy,
            RegistryStore store) {
        return switch (reading) {
            case NEVER -> Optional.empty();
            case ALWAYS -> Optional.of(repository -> true);
            case AUTO -> Optional.of(repository -> policy.ruleFor(repository).filter(PolicyRule::budgets).isPresent()
                    || store.attachments().holdsAny(repository, PushValidation.REPORT_ROLE));
        };
    }

    /** The retention and quota rules of {@code gc.policy}, read before the store opens (quotas open with it). */
    public static GcPolicy loadGcPolicy(RegistryConfig.Gc gc) {
        return gc.policy().map(GcPolicyLoader::load).orElse(GcPolicy.NONE);
    }

    private static Policy loadPolicy(RegistryConfig.Validation validation) {
        if (validation.policy().isEmpty()) {
            return Policy.NONE;
        }
        Path file = validation.policy().get();
        try {
            return PolicyLoader.load(file);
        } catch (PolicyException e) {
            throw new IllegalArgumentException("invalid validation policy " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read validation policy " + file + ": " + e.getMessage(), e);
        }
    }

    /** The plain-HTTP port that every HTTP instance listens on: the one the system chose, for port 0. */
    public int port() {
        return onePort(verticles.stream().map(RegistryVerticle::actualPort).collect(Collectors.toSet()), "plain HTTP");
    }

    /** The routes of the HTTP API (every instance has the same). */
    public io.vertx.ext.web.Router router() {
        synchronized (verticles) {
            return verticles.get(0).router();
        }
    }

    /** The TLS port that every HTTP instance listens on. */
    public int tlsPort() {
        return onePort(verticles.stream().map(RegistryVerticle::actualTlsPort).collect(Collectors.toSet()), "TLS");
    }

    private static int onePort(Set<Optional<Integer>> ports, String what) {
        if (ports.size() != 1 || ports.iterator().next().isEmpty()) {
            throw new IllegalStateException("the HTTP instances do not share one " + what + " port: " + ports);
        }
        return ports.iterator().next().get();
    }

    /**
     * Stops accepting connections, lets requests in flight finish within the configured grace, waits for the last
     * storage call, and only then closes the store, so that RocksDB is always closed cleanly.
     */
    @Override
    public void close() throws Exception {
        Duration grace = config.http().shutdownGrace();
        health.shuttingDown();
        purge.ifPresent(UploadPurge::close);
        access.close();
        tlsKeys.ifPresent(Reloading::close);
        try {
            vertx.undeploy(deployment).await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            if (!blocking.awaitIdle(grace)) {
                LOG.warn("storage calls still running after {}; closing anyway", grace);
            }
            blocking.close();
            vertx.close().await(10, TimeUnit.SECONDS);
        } finally {
            // after the HTTP instances: a collection that a request waits for finishes first; before the store
            collection.close();
            indexing.ifPresent(UploadIndexing::close);
            store.close();
            accessLog.ifPresent(AccessLog::close);
            metrics.close();
        }
    }

    /** The port of the metrics server of {@code metrics.listen}, when one is configured. */
    public Optional<Integer> metricsPort() {
        return metricsServer.map(HttpServer::actualPort);
    }

    /** Every metric of this registry. */
    public RegistryMetrics metrics() {
        return metrics;
    }

    /** The health checks, whose readiness ends when {@link #close()} begins. */
    public Health health() {
        return health;
    }

    /** The open store, for in-process tools and tests that look at what a request left behind. */
    public RegistryStore store() {
        return store;
    }

    /** The collector's schedule, on-demand runs, last report and counters. */
    public GarbageCollection collection() {
        return collection;
    }

    /** Waits until the storage worker pool has no task running or queued, at most {@code timeout}. */
    public boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        return blocking.awaitIdle(timeout);
    }
}
