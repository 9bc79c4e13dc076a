package io.huruhuru.server.http;

import io.huruhuru.server.config.RegistryConfig.LogFormat;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line per request on standard output once its response is sent: time, method, path, status, body bytes,
 * duration and request id, in the same layout as the registry's other log lines: text, or one JSON object per line
 * with {@code log.format: json}.
 *
 * <p>Lines go through a queue to a writer thread that writes whatever has gathered in one system call and flushes
 * whenever the queue runs empty. Measured here with wrk, a line written and flushed per request on the event loop
 * (through logback, synchronously or with its AsyncAppender) held manifest GETs to about 12,000/s; batching lifts
 * that to the rate without any log. An event loop never waits: when 65,536 lines are queued (standard output slower
 * than requests), a line is dropped and counted, and the writer reports the count once it catches up.
 */
public final class AccessLog implements Handler<RoutingContext>, AutoCloseable {

    private record Line(long epochMillis, String method, String path, int status, long bytes, long tenthsOfMs,
            String requestId) {
    }

    private static final Line END = new Line(0, "", "", 0, 0, 0, "");
    /** The time layout of logback.xml, so that access lines and other lines read alike. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private final LogFormat format;
    private final BlockingQueue<Line> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final OutputStream out;
    private long reportedDrops;
    private final Thread writer;
    private long formattedMillis = -1;
    private String formattedTime = "";

    public AccessLog(LogFormat format) {
        this(new FileOutputStream(FileDescriptor.out), format);
    }

    AccessLog(OutputStream out) {
        this(out, LogFormat.TEXT);
    }

    AccessLog(OutputStream out, LogFormat format) {
        this(out, 65_536, format);
    }

    AccessLog(OutputStream out, int capacity) {
        this(out, capacity, LogFormat.TEXT);
    }

    AccessLog(OutputStream out, int capacity, LogFormat format) {
        this.format = format;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.out = out;
        this.writer = new Thread(this::writeLines, "huruhuru-access-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(ended -> enqueue(ctx.request().method().name(), ctx.request().path(),
                ctx.response().getStatusCode(), ctx.response().bytesWritten(), (System.nanoTime() - started) / 100_000,
                RequestId.of(ctx)));
        ctx.next();
    }

    /** Runs on an event loop, so it must not wait for a full queue. */
    void enqueue(String method, String path, int status, long bytes, long tenthsOfMs) {
        enqueue(method, path, status, bytes, tenthsOfMs, "-");
    }

    void enqueue(String method, String path, int status, long bytes, long tenthsOfMs, String requestId) {
        enqueue(new Line(System.currentTimeMillis(), method, path, status, bytes, tenthsOfMs, requestId));
    }

    private void enqueue(Line line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** How many lines were dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void writeLines() {
        StringBuilder batch = new StringBuilder(64 * 1024);
        try {
            while (true) {
                Line line = queue.take();
                while (line != null) {
                    if (line == END) {
                        reportDrops(batch);
                        write(batch);
                        return;
                    }
                    format(line, batch);
                    line = batch.length() < 60 * 1024 ? queue.poll() : null;
                }
                reportDrops(batch);
                write(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reportDrops(StringBuilder into) {
        long drops = dropped.get();
        if (drops != reportedDrops) {
            String message = (drops - reportedDrops) + " lines dropped: standard output is slower than the requests";
            if (format == LogFormat.JSON) {
                into.append("{\"timestamp\":\"").append(TIME.format(Instant.now()))
                        .append("\",\"level\":\"WARN\",\"logger\":\"access\",\"message\":\"").append(message)
                        .append("\"}\n");
            } else {
                into.append(TIME.format(Instant.now())).append(" WARN  access ").append(message).append('\n');
            }
            reportedDrops = drops;
        }
    }

    private void format(Line line, StringBuilder into) {
        if (line.epochMillis != formattedMillis) {
            formattedMillis = line.epochMillis;
            formattedTime = TIME.format(Instant.ofEpochMilli(formattedMillis));
        }
        if (format == LogFormat.JSON) {
            into.append("{\"timestamp\":\"").append(formattedTime)
                    .append("\",\"level\":\"INFO\",\"logger\":\"access\",\"method\":");
            JsonText.quote(line.method, into);
            into.append(",\"path\":");
            JsonText.quote(line.path, into);
            into.append(",\"status\":").append(line.status).append(",\"bytes\":").append(line.bytes)
                    .append(",\"durationMs\":").append(line.tenthsOfMs / 10).append('.').append(line.tenthsOfMs % 10)
                    .append(",\"requestId\":");
            JsonText.quote(line.requestId, into);
            into.append("}\n");
            return;
        }
        into.append(formattedTime).append(" INFO  access ").append(line.method).append(' ').append(line.path)
                .append(' ').append(line.status).append(' ').append(line.bytes).append(' ')
                .append(line.tenthsOfMs / 10).append('.').append(line.tenthsOfMs % 10).append("ms ")
                .append(line.requestId).append('\n');
    }

    private void write(StringBuilder batch) {
        if (batch.length() == 0) {
            return;
        }
        try {
            // One write of whole lines, so that other output on the same stream never lands inside a line.
            out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // Standard output is gone; there is nowhere left to report it.
        }
        batch.setLength(0);
    }

    /** Writes the lines still queued, then stops the writer. */
    @Override
    public void close() {
        try {
            // Bounded: a writer stuck on standard output must not hold up shutdown for ever.
            queue.offer(END, 5, TimeUnit.SECONDS);
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
