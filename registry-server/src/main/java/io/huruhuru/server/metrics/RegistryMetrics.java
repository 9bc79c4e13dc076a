package io.huruhuru.server.metrics;

import io.huruhuru.server.gc.GcMetrics;
import io.huruhuru.storage.RegistryStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.LongSupplier;

/**
 * Every metric of one running registry in one Prometheus registry: HTTP, pushes and pulls, validations and previews,
 * signatures, authentication failures, storage, the collector, the JVM and the process, and the build. Each registry
 * has its own (tests run several in one JVM).
 */
public final class RegistryMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics jvmGc = new JvmGcMetrics();
    private final HttpMetrics http;
    private final OutcomeTimer validations;
    private final OutcomeTimer previews;

    /** The metrics of the running code: the JVM's and process's, and {@code huruhuru_build_info}, unlabelled by repository. */
    public RegistryMetrics(BuildInfo build) {
        this(build, 0);
    }

    /**
     * As {@link #RegistryMetrics(BuildInfo)}, with the first {@code repositoryLabelTop} repositories named in the
     * {@code repository} label of the push and pull counters (0: no such label; see {@link RepositoryLabel}).
     */
    public RegistryMetrics(BuildInfo build, int repositoryLabelTop) {
        // Micrometer's process.cpu.time is in nanoseconds, a unit promtool refuses in a name (process_cpu_time_ns);
        // process_cpu_usage tells the same
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        // a gauge named ..._count reads as part of a summary to promtool
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        jvmGc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("huruhuru.build.info", () -> 1).description("The version and commit the registry was built from")
                .tags("version", build.version(), "commit", build.commit()).register(registry);
        http = new HttpMetrics(registry, new RepositoryLabel(repositoryLabelTop));
        validations = new OutcomeTimer(registry, "huruhuru.validation.duration",
                "Koskit validations (on push and on request) by outcome");
        previews = new OutcomeTimer(registry, "huruhuru.preview.duration",
                "Boot previews of images and compose systems by outcome");
    }

    /** Adds the store's gauges and database timings. */
    public void bindStore(RegistryStore store) {
        StorageMetrics.bind(registry, store.statistics(), store.uploads());
    }

    /** Adds the collector's counters, under the names that {@link GcMetrics#snapshot()} gives them. */
    public void bindCollector(GcMetrics gc) {
        for (String name : gc.snapshot().keySet()) {
            String base = name.substring(0, name.length() - "_total".length());
            if (base.endsWith("_duration_milliseconds")) {
                FunctionCounter.builder(base.replace("_milliseconds", "").replace('_', '.'), gc,
                                metrics -> metrics.snapshot().get(name) / 1000.0)
                        .baseUnit("seconds").description("Time the garbage collector spent, dry runs included")
                        .register(registry);
            } else {
                FunctionCounter.builder(base.replace('_', '.'), gc, metrics -> metrics.snapshot().get(name))
                        .description("Garbage collector: " + base.substring("huruhuru_gc_".length()).replace('_', ' '))
                        .register(registry);
            }
        }
    }

    /** Adds a counter read from {@code total}, e.g. {@code huruhuru.signatures} read from the signing component. */
    public void bindCounter(String name, String description, LongSupplier total) {
        FunctionCounter.builder(name, total, LongSupplier::getAsLong).description(description).register(registry);
    }

    /** The handler, first on every router, that counts requests. */
    public HttpMetrics http() {
        return http;
    }

    /** Durations and outcomes of koskit validations ({@link ValidationOutcome}). */
    public OutcomeTimer validations() {
        return validations;
    }

    /**
     * Durations and outcomes ({@link PreviewOutcome}) of boot previews, systems and the {@code requireBoot} gate's
     * runs, as {@code ImagePreviews} records them.
     */
    public OutcomeTimer previews() {
        return previews;
    }

    /** Every metric in the Prometheus text format 0.0.4; reads the store's properties, so it runs on a worker. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry itself, for tests that read one meter. */
    public MeterRegistry meters() {
        return registry;
    }

    @Override
    public void close() {
        jvmGc.close();
        registry.close();
    }
}
