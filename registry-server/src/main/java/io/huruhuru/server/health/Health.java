package io.huruhuru.server.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.storage.RegistryStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health endpoints that an orchestrator probes: {@code /livez} (the process serves HTTP), {@code /startupz} (start-up
 * has finished) and {@code /readyz} (the store is open and takes a write, the data directory's disk has more free space
 * than the configured floor, and no shutdown has begun). Each answers 200 or 503 with a JSON body that names every
 * check and its finding.
 */
public final class Health {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(Health.class);

    /**
     * How long a storage probe write and a disk query stand for: probes of an unauthenticated endpoint may come often,
     * from anyone, and must not each cost a RocksDB write.
     */
    static final long PROBE_INTERVAL_NANOS = 1_000_000_000L;

    private final RegistryStore store;
    private final Path dataDirectory;
    private final long minFreeDiskBytes;
    private final Blocking blocking;
    private volatile boolean started;
    private volatile boolean shuttingDown;
    private volatile Probed lastProbe;

    /** The storage and disk findings of one probe, reused for {@link #PROBE_INTERVAL_NANOS}. */
    private record Probed(long atNanos, List<Check> checks) {
    }

    public Health(RegistryStore store, Path dataDirectory, long minFreeDiskBytes, Blocking blocking) {
        this.store = store;
        this.dataDirectory = dataDirectory;
        this.minFreeDiskBytes = minFreeDiskBytes;
        this.blocking = blocking;
    }

    /** Start-up has finished: every HTTP instance listens. */
    public void started() {
        started = true;
    }

    /**
     * Shutdown has begun: from now on {@code /readyz} answers 503, so that a load balancer stops sending requests while
     * those in flight finish.
     */
    public void shuttingDown() {
        shuttingDown = true;
    }

    /** {@code GET /livez}: answering at all is the check. */
    public void live(RoutingContext ctx) {
        respond(ctx, List.of(Check.passed("http", "serving")));
    }

    /** {@code GET /startupz}. */
    public void startup(RoutingContext ctx) {
        respond(ctx, List.of(started ? Check.passed("startup", "finished") : Check.failed("startup", "starting")));
    }

    /** {@code GET /readyz}: the checks run on a worker, since the probe write and the disk query may block. */
    public void ready(RoutingContext ctx) {
        blocking.run(this::readiness).onSuccess(checks -> respond(ctx, checks)).onFailure(ctx::fail);
    }

    /** Every readiness check, each run whatever the others found, so that the body names every failing one. */
    List<Check> readiness() {
        long now = System.nanoTime();
        Probed last = lastProbe;
        if (last == null || now - last.atNanos() >= PROBE_INTERVAL_NANOS) {
            last = new Probed(now, List.of(storage(), disk()));
            lastProbe = last;
        }
        List<Check> checks = new ArrayList<>(last.checks());
        checks.add(shutdown());
        return checks;
    }

    private Check storage() {
        try {
            store.writeProbe();
            return Check.passed("storage", "open and writable");
        } catch (RuntimeException e) {
            // the answer goes to anyone; the reason, which may name files, goes to the log
            LOG.warn("readiness: the storage probe write failed", e);
            return Check.failed("storage", "the probe write failed (see the registry's log)");
        }
    }

    private Check disk() {
        try {
            long free = Files.getFileStore(dataDirectory).getUsableSpace();
            String found = free + " bytes free, the floor is " + minFreeDiskBytes;
            return free >= minFreeDiskBytes ? Check.passed("disk", found) : Check.failed("disk", found);
        } catch (IOException | RuntimeException e) {
            LOG.warn("readiness: cannot read the free space of the data directory", e);
            return Check.failed("disk", "cannot read the free space of the data directory (see the registry's log)");
        }
    }

    private Check shutdown() {
        return shuttingDown ? Check.failed("shutdown", "shutting down") : Check.passed("shutdown", "running");
    }

    private static void respond(RoutingContext ctx, List<Check> checks) {
        boolean ok = checks.stream().allMatch(Check::ok);
        ObjectNode body = JSON.createObjectNode().put("status", ok ? "ok" : "failing");
        ArrayNode failed = body.putArray("failed");
        checks.stream().filter(check -> !check.ok()).forEach(check -> failed.add(check.name()));
        ObjectNode all = body.putObject("checks");
        for (Check check : checks) {
            all.putObject(check.name()).put("ok", check.ok()).put("detail", check.detail());
        }
        Buffer bytes = Buffer.buffer(body.toString());
        ctx.response().setStatusCode(ok ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Content-Length", Integer.toString(bytes.length()));
        ctx.response().end(bytes);
    }
}
