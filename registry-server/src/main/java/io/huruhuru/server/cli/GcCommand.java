package io.huruhuru.server.cli;

import io.huruhuru.server.Registry;
import io.huruhuru.server.config.ConfigLoader;
import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.gc.GcPolicy;
import io.huruhuru.server.gc.ReportJson;
import io.huruhuru.storage.gc.CollectionReport;
import io.huruhuru.storage.gc.CollectionRequest;
import io.huruhuru.storage.gc.Removal;
import io.huruhuru.storage.rocksdb.RocksRegistryStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code huruhuru gc}: one collection of a stopped registry's data directory, with the grace, batch size and rules of
 * the configuration. Exit codes: 0 done, 1 the collection failed, 2 a configuration that cannot work, 3 the data
 * directory is missing or in use (a registry is running on it: use its admin endpoint instead).
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Collect garbage in the data directory of a stopped registry.")
final class GcCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int BAD_CONFIG = 2;
    static final int DATA_UNAVAILABLE = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, description = "data directory of the stopped registry.")
    private Path data;

    @Option(names = "--dry-run", description = "report what would be deleted and why, deleting nothing.")
    private boolean dryRun;

    @Option(names = "--config", description = "YAML configuration file (gc.graceSeconds, gc.batchSize, gc.policy).")
    private Path configFile;

    @Option(names = "--json", description = "print the report as JSON (the admin endpoint's form).")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RegistryConfig.Gc gc;
        GcPolicy policy;
        try {
            gc = ConfigLoader.load(configFile, System.getenv()).gc();
            policy = Registry.loadGcPolicy(gc);
        } catch (IllegalArgumentException e) {
            err.println("huruhuru gc: " + e.getMessage());
            return BAD_CONFIG;
        }
        if (!Files.isDirectory(data)) {
            err.println("huruhuru gc: no data directory at " + data);
            return DATA_UNAVAILABLE;
        }
        RocksRegistryStore store;
        try {
            store = RocksRegistryStore.open(data, policy.quotas());
        } catch (RuntimeException e) {
            err.println("huruhuru gc: cannot open " + data + " (is a registry running on it?): " + e.getMessage());
            return DATA_UNAVAILABLE;
        }
        try (store) {
            CollectionReport report = store.collector().collect(
                    new CollectionRequest(gc.grace(), dryRun, policy.retention(), gc.batchSize()));
            print(report);
            return 0;
        } catch (RuntimeException e) {
            err.println("huruhuru gc: the collection failed: " + e);
            return FAILED;
        }
    }

    private void print(CollectionReport report) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ReportJson.of(report, dryRun).toPrettyString());
            out.flush();
            return;
        }
        String verb = dryRun ? "would delete" : "deleted";
        for (Removal removal : report.removals()) {
            out.println(verb + " " + removal.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + removal.what()
                    + removal.repository().map(r -> " in " + r).orElse("") + ": " + removal.reason());
        }
        if (report.removalsTruncated()) {
            out.println("(more removals than listed)");
        }
        out.printf("marked %d manifests and %d blobs; %s %d manifests, %d tags and %d blobs (%d bytes) in %d ms%n",
                report.manifestsMarked(), report.blobsMarked(), verb, report.manifestsDeleted(), report.tagsDeleted(),
                report.blobsDeleted(), report.bytesFreed(), report.took().toMillis());
        out.flush();
    }
}
