package io.huruhuru.bench.registry;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What validation on push costs: the same image pushed with koskit labels (validated) and without (not validated),
 * round after round, each push with a layer never seen before so that neither deduplication nor the layer facts
 * cache helps. The order alternates between rounds so that drift of the machine falls on both alike.
 */
final class ValidationCost {

    private ValidationCost() {
    }

    static void measure(URI url, String repository, int tarMib, int rounds, long firstSeed) throws IOException {
        List<Double> plain = new ArrayList<>();
        List<Double> koskit = new ArrayList<>();
        long bytes = 0;
        try (RegistryClient client = new RegistryClient(url)) {
            client.ping();
            long seed = firstSeed;
            for (int round = 0; round < rounds; round++) {
                KoskitImage withLabels = new KoskitImage(true, tarMib, seed++);
                KoskitImage withoutLabels = new KoskitImage(false, tarMib, seed++);
                bytes = withLabels.totalBytes();
                if (round % 2 == 0) {
                    plain.add(time(client, repository + "/plain", withoutLabels));
                    koskit.add(time(client, repository + "/koskit", withLabels));
                } else {
                    koskit.add(time(client, repository + "/koskit", withLabels));
                    plain.add(time(client, repository + "/plain", withoutLabels));
                }
                requirePassingReport(client, repository + "/koskit", withLabels.manifestDigest());
            }
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

    private static double time(RegistryClient client, String repository, KoskitImage image) throws IOException {
        long start = System.nanoTime();
        image.push(client, repository, "latest");
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
