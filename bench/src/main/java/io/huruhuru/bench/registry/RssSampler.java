package io.huruhuru.bench.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples the resident set size of another process from /proc every 200 ms while a measurement runs. */
final class RssSampler implements AutoCloseable {

    private static final long PERIOD_MS = 200;

    private final Path status;
    private final Thread thread;
    private volatile boolean running = true;
    private long first = -1;
    private long last = -1;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private int samples;

    private RssSampler(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        this.thread = new Thread(this::run, "rss-sampler");
        this.thread.setDaemon(true);
    }

    static RssSampler start(long pid) {
        RssSampler sampler = new RssSampler(pid);
        sampler.sample();
        sampler.thread.start();
        return sampler;
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        long kib = readRssKib();
        if (kib < 0) {
            return;
        }
        if (first < 0) {
            first = kib;
        }
        last = kib;
        min = Math.min(min, kib);
        max = Math.max(max, kib);
        samples++;
    }

    private long readRssKib() {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process may have exited; a missing sample is reported through the sample count
        }
        return -1;
    }

    /** Stops sampling after one last sample, so the end of the measurement is always seen. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    synchronized void report(String prefix) {
        Results.put(prefix + "_samples", samples);
        if (samples > 0) {
            Results.put(prefix + "_first_mib", first / 1024.0);
            Results.put(prefix + "_last_mib", last / 1024.0);
            Results.put(prefix + "_min_mib", min / 1024.0);
            Results.put(prefix + "_max_mib", max / 1024.0);
        }
    }
}
