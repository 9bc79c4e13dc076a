package io.huruhuru.bench.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What signing adds to a manifest push: distinct manifests (one config and layer, a different annotation each) are
 * put into a repository that the registry signs and into one that its policy leaves unsigned, alternately, and only
 * the manifest {@code PUT} is timed. The registry under test must sign {@code <repo>/signed} and not
 * {@code <repo>/unsigned}; the first pushes are checked for that, or the figure would measure nothing.
 */
final class SigningCost {

    private SigningCost() {
    }

    static void measure(URI url, String repository, int rounds, int warmup) throws IOException {
        ImageFixture image = ImageFixture.small();
        String signed = repository + "/signed";
        String unsigned = repository + "/unsigned";
        List<Double> signedMillis = new ArrayList<>();
        List<Double> unsignedMillis = new ArrayList<>();
        try (RegistryClient client = new RegistryClient(url)) {
            client.ping();
            image.push(client, signed, "base");
            image.push(client, unsigned, "base");
            requireSigning(client, signed, image.manifestDigest(), true);
            requireSigning(client, unsigned, image.manifestDigest(), false);
            for (int round = -warmup; round < rounds; round++) {
                byte[] manifest = annotated(image.manifest(), round);
                // alternate which goes first, so that drift of the machine falls on both alike
                boolean signedFirst = round % 2 == 0;
                double first = time(client, signedFirst ? signed : unsigned, manifest);
                double second = time(client, signedFirst ? unsigned : signed, manifest);
                if (round >= 0) {
                    signedMillis.add(signedFirst ? first : second);
                    unsignedMillis.add(signedFirst ? second : first);
                }
            }
        }
        double signedMedian = median(signedMillis);
        double unsignedMedian = median(unsignedMillis);
        Results.put("rounds", rounds);
        Results.put("signed_median_ms", signedMedian);
        Results.put("unsigned_median_ms", unsignedMedian);
        Results.put("signing_adds_ms", signedMedian - unsignedMedian);
        Results.put("signed_p90_ms", percentile(signedMillis, 0.9));
        Results.put("unsigned_p90_ms", percentile(unsignedMillis, 0.9));
    }

    /** The manifest with an annotation that makes its digest new for {@code round}. */
    private static byte[] annotated(byte[] manifest, int round) {
        String json = new String(manifest, StandardCharsets.UTF_8);
        return (json.substring(0, json.length() - 1) + ",\"annotations\":{\"bench.round\":\"" + round + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static double time(RegistryClient client, String repository, byte[] manifest) throws IOException {
        long start = System.nanoTime();
        client.putManifest(repository, ImageFixture.sha256(manifest), RegistryClient.OCI_MANIFEST, manifest);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void requireSigning(RegistryClient client, String repository, String digest, boolean expected)
            throws IOException {
        String target = "/v2/" + repository + "/manifests/" + digest.replace(':', '-') + ".sig";
        boolean present;
        try {
            client.get(target, List.of("Accept: " + RegistryClient.OCI_MANIFEST));
            present = true;
        } catch (UnexpectedResponseException e) {
            present = false;
        }
        if (present != expected) {
            throw new IOException(repository + (expected ? " is not signed" : " is signed")
                    + ": the registry's policy must sign */signed and not */unsigned");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = sorted(values);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The nearest-rank percentile {@code p} (0 < p <= 1). */
    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = sorted(values);
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
