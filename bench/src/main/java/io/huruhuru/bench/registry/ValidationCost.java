package io.huruhuru.bench.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What validation on push costs: the same image pushed with koskit labels (validated) and without (not validated),
 * round after round, each push with a layer never seen before so that neither deduplication nor the layer facts
 * cache helps. The order alternates between rounds so that drift of the machine falls on both alike. The pushing
 * client is this benchmark's own (the registry's time alone) or skopeo copying from an OCI layout (what a CI job
 * does).
 */
final class ValidationCost {

    /** How an image gets to the registry; returns the seconds the push took. */
    private interface Pusher {
        double push(String repository, KoskitImage image) throws IOException;
    }

    private ValidationCost() {
    }

    /** @param mibPerSecond the pace of the layer upload with the http client, as over a link of that speed; 0: none */
    static void measure(URI url, String repository, int tarMib, int rounds, long firstSeed, String clientName,
            double mibPerSecond) throws IOException {
        List<Double> plain = new ArrayList<>();
        List<Double> koskit = new ArrayList<>();
        long bytes = 0;
        Path layouts = Files.createTempDirectory("validation-cost");
        try (RegistryClient client = new RegistryClient(url)) {
            client.ping();
            Pusher pusher = switch (clientName) {
                case "http" -> (repo, image) -> time(client, repo, image, mibPerSecond);
                case "skopeo" -> (repo, image) -> skopeo(url, layouts, repo, image);
                default -> throw new IllegalArgumentException("--client must be http or skopeo, not " + clientName);
            };
            long seed = firstSeed;
            for (int round = 0; round < rounds; round++) {
                KoskitImage withLabels = new KoskitImage(true, tarMib, seed++);
                KoskitImage withoutLabels = new KoskitImage(false, tarMib, seed++);
                bytes = withLabels.totalBytes();
                if (round % 2 == 0) {
                    plain.add(pusher.push(repository + "/plain", withoutLabels));
                    koskit.add(pusher.push(repository + "/koskit", withLabels));
                } else {
                    koskit.add(pusher.push(repository + "/koskit", withLabels));
                    plain.add(pusher.push(repository + "/plain", withoutLabels));
                }
                requirePassingReport(client, repository + "/koskit", withLabels.manifestDigest());
            }
        } finally {
            deleteRecursively(layouts);
        }
        double plainMedian = median(plain);
        double koskitMedian = median(koskit);
        Results.put("image_bytes", bytes);
        Results.put("plain_seconds", plainMedian);
        Results.put("koskit_seconds", koskitMedian);
        Results.put("overhead_percent", 100 * (koskitMedian - plainMedian) / plainMedian);
        Results.put("plain_all", plain.toString().replace(" ", ""));
        Results.put("koskit_all", koskit.toString().replace(" ", ""));
    }

    /** The koskit push must have been validated, or the figure would measure nothing. */
    private static void requirePassingReport(RegistryClient client, String repository, String digest)
            throws IOException {
        String report = client.get("/sel4/v1/validations/" + repository + "/" + digest, List.of()).bodyText();
        if (!report.contains("\"passed\" : true")) {
            throw new IOException("the koskit image did not pass validation: " + report);
        }
    }

    /** Writes the image as an OCI layout (untimed), then times {@code skopeo copy} of it into the registry. */
    private static double skopeo(URI url, Path layouts, String repository, KoskitImage image)
            throws IOException {
        Path layout = layouts.resolve(image.manifestDigest().substring("sha256:".length()));
        image.writeLayout(layout, "latest");
        ProcessBuilder copy = new ProcessBuilder("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
                "oci:" + layout + ":latest", "docker://" + url.getHost() + ":" + url.getPort() + "/" + repository
                        + ":latest").redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = copy.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("skopeo copy failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        deleteRecursively(layout);
        return seconds;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(
                    Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static double time(RegistryClient client, String repository, KoskitImage image, double mibPerSecond)
            throws IOException {
        long start = System.nanoTime();
        image.push(client, repository, "latest", mibPerSecond);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
