package io.huruhuru.e2e.client;

import io.huruhuru.e2e.image.Jq;
import io.huruhuru.e2e.process.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus} on a free loopback port with a storage directory of its own, scraping one target every
 * second; PromQL instant queries over its HTTP API.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Prometheus scraping {@code target} ({@code host:port}) at {@code /metrics}; returns once it is ready. */
    public static PrometheusServer start(Path workDirectory, String target) {
        try {
            Files.createDirectories(workDirectory);
            Path config = Files.writeString(workDirectory.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: huruhuru
                        scrape_interval: 1s
                        scrape_timeout: 1s
                        static_configs:
                          - targets: ["%s"]
                    """.formatted(target));
            int port = freeLoopbackPort();
            Path log = workDirectory.resolve("prometheus.log");
            Process process = Command.of(List.of("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + workDirectory.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + port)).start(log);
            PrometheusServer server = new PrometheusServer(process, port, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited: " + logText());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base() + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("prometheus not ready within " + READY_TIMEOUT + ": " + logText());
    }

    /** The JSON answer of an instant query, as {@code /api/v1/query} gives it. */
    public String query(String promql) {
        URI uri = URI.create(base() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("query " + promql + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The single value of a query whose result is one sample (wrap it in {@code sum(...)} to make it so). */
    public double value(String promql) {
        return Double.parseDouble(Jq.string(query(promql), ".data.result[0].value[1]"));
    }

    /**
     * Queries until the value is {@code expected} or {@code timeout} passes (the next scrape may not have happened);
     * returns the last value.
     */
    public double awaitValue(String promql, double expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        double value = value(promql);
        while (value != expected && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(250));
            value = value(promql);
        }
        return value;
    }

    /** Waits until Prometheus has scraped the target once more after now: its {@code up} sample is newer. */
    public void awaitNextScrape() {
        double before = value("timestamp(up{job=\"huruhuru\"}) or vector(0)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (value("timestamp(up{job=\"huruhuru\"}) or vector(0)") <= before && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
