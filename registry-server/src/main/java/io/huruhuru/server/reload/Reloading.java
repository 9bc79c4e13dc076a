package io.huruhuru.server.reload;

import io.huruhuru.server.blocking.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from files (htpasswd, access rules, a TLS certificate and key) and read again when one of them changes
 * (its modification time, size or inode). The files are looked at periodically on a worker; a reload that fails is
 * logged and the last good value stays, so that a half-written file never locks everybody out. A value that loads but
 * cannot be put in force (a TLS certificate the server refuses) is tried again at the next look.
 */
public final class Reloading<T> implements AutoCloseable {

    /** How often the files are looked at. */
    public static final Duration EVERY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(Reloading.class);

    private final String what;
    private final List<Path> files;
    private final Supplier<T> loader;
    /** Puts a reloaded value in force; the value counts as reloaded only once the future succeeds. */
    private final Function<T, Future<?>> apply;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile T current;
    private volatile List<Object> stamps;
    private Vertx vertx;
    private long timer = -1;

    private Reloading(String what, List<Path> files, Supplier<T> loader, Function<T, Future<?>> apply) {
        this.what = what;
        this.files = List.copyOf(files);
        this.loader = loader;
        this.apply = apply;
        this.stamps = stamps();
        this.current = loader.get();
    }

    /** A value that never changes, for a configuration without files to watch. */
    public static <T> Reloading<T> fixed(T value) {
        return new Reloading<>("fixed", List.of(), () -> value, v -> Future.succeededFuture());
    }

    /** Loads the value now (a failure is the caller's start-up error); {@link #watch} reloads it later. */
    public static <T> Reloading<T> load(String what, List<Path> files, Supplier<T> loader, Consumer<T> onReload) {
        return new Reloading<>(what, files, loader, value -> {
            onReload.accept(value);
            return Future.succeededFuture();
        });
    }

    /**
     * As {@link #load}, where putting a reloaded value in force may fail ({@code apply}'s future): then the value is
     * not taken, and the next look at the files tries again.
     */
    public static <T> Reloading<T> loadApplied(String what, List<Path> files, Supplier<T> loader,
            Function<T, Future<?>> apply) {
        return new Reloading<>(what, files, loader, apply);
    }

    /** Starts looking at the files every {@code every}, on {@code blocking}'s workers. */
    public Reloading<T> watch(Vertx vertx, Blocking blocking, Duration every) {
        if (!files.isEmpty()) {
            this.vertx = vertx;
            this.timer = vertx.setPeriodic(every.toMillis(), id -> {
                if (checking.compareAndSet(false, true)) {
                    blocking.run(() -> {
                        check();
                        return null;
                    }).onComplete(done -> checking.set(false));
                }
            });
        }
        return this;
    }

    public T current() {
        return current;
    }

    /** Reloads if a file changed since the last load; returns whether it did. Blocks: runs on a worker. */
    public boolean check() {
        List<Object> now = stamps();
        if (Objects.equals(now, stamps)) {
            return false;
        }
        T loaded;
        try {
            loaded = loader.get();
        } catch (RuntimeException e) {
            stamps = now; // the files as they are do not load; looked at again once they change
            LOG.error("cannot reload {}, keeping the previous one: {}", what, e.getMessage());
            return false;
        }
        try {
            apply.apply(loaded).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // not recorded as loaded: the next look tries again
            LOG.error("cannot put the reloaded {} in force, keeping the previous one: {}", what,
                    e instanceof ExecutionException ? e.getCause().getMessage() : e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        stamps = now;
        current = loaded;
        LOG.info("reloaded {} from {}", what, files);
        return true;
    }

    private List<Object> stamps() {
        List<Object> stamps = new ArrayList<>();
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(List.of(attributes.lastModifiedTime().toMillis(), attributes.size(),
                        String.valueOf(attributes.fileKey())));
            } catch (IOException e) {
                stamps.add("missing");
            }
        }
        return stamps;
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
