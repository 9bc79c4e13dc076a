package io.huruhuru.bench.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The boot preview's latency over HTTP: a preview of a stored native (koskit) image that the registry computes (each
 * request differs in one environment variable, so none is served from storage), the same preview asked again (served
 * from storage), and a system of {@code services} native images (each publishing a protocol of its own; each request
 * differs in a comment line of the compose file, so each is computed). Warm: {@code warmup} requests of each kind
 * run first, untimed. One request at a time; the figure is the median of the whole request.
 */
final class PreviewCost {

    private PreviewCost() {
    }

    static void measure(URI url, String repository, String platform, int rounds, int warmup, int services)
            throws IOException, InterruptedException {
        try (RegistryClient client = new RegistryClient(url)) {
            client.ping();
            for (int i = 0; i < services; i++) {
                new KoskitImage(true, 1, 1000 + i, "protocol_" + i).push(client, repository + "/svc" + i, "1.0", 0);
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String image = repository + "/svc0:1.0";
        List<Double> computed = new ArrayList<>();
        List<Double> stored = new ArrayList<>();
        List<Double> systems = new ArrayList<>();
        // each round's env makes a preview of its own: kept (201) until the manifest keeps 32, then computed for the
        // request only (200); either way it is computed; the same holds for each round's compose file
        String kept = "{\"image\":\"" + image + "\",\"platform\":\"" + platform + "\"}";
        time(http, url.resolve("/sel4/v1/previews"), "application/json", kept, 201);
        for (int round = -warmup; round < rounds; round++) {
            double c = time(http, url.resolve("/sel4/v1/previews"), "application/json",
                    previewBody(image, platform, "round-" + round), 201, 200);
            double s = time(http, url.resolve("/sel4/v1/previews"), "application/json", kept, 200);
            double y = time(http, url.resolve("/sel4/v1/systems?platform=" + platform), "application/yaml",
                    compose(repository, services, round), 201, 200);
            if (round >= 0) {
                computed.add(c);
                stored.add(s);
                systems.add(y);
            }
        }
        Results.put("rounds", rounds);
        Results.put("computed_median_ms", median(computed));
        Results.put("computed_p90_ms", percentile(computed, 0.9));
        Results.put("stored_median_ms", median(stored));
        Results.put("stored_p90_ms", percentile(stored, 0.9));
        Results.put("system_median_ms", median(systems));
        Results.put("system_p90_ms", percentile(systems, 0.9));
        Results.put("services", services);
    }

    private static String previewBody(String image, String platform, String round) {
        return "{\"image\":\"" + image + "\",\"platform\":\"" + platform + "\",\"env\":{\"ROUND\":\"" + round + "\"}}";
    }

    private static String compose(String repository, int services, int round) {
        StringBuilder yaml = new StringBuilder("# round " + round + "\nservices:\n");
        for (int i = 0; i < services; i++) {
            yaml.append("  svc").append(i).append(":\n    image: ").append(repository).append("/svc").append(i)
                    .append(":1.0\n");
        }
        return yaml.toString();
    }

    /** One request, in milliseconds; a status not {@code expected} or a report that did not boot stops it. */
    private static double time(HttpClient http, URI uri, String contentType, String body, int... expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        if (java.util.Arrays.stream(expected).noneMatch(status -> status == response.statusCode())
                || !response.body().contains("\"result\" : \"booted\"")) {
            throw new IllegalStateException("POST " + uri + " answered " + response.statusCode()
                    + " (expected " + java.util.Arrays.toString(expected) + ", booted): "
                    + response.body().lines().limit(40).toList());
        }
        return millis;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }
}
