package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /metrics}, parsed from the Prometheus text format into samples. */
public record Scrape(String text, List<Sample> samples) {

    /** One line of a scrape: a metric name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** Scrapes {@code registry}'s {@code /metrics}, which must answer 200. */
    public static Scrape of(RunningRegistry registry) {
        HttpResponse<byte[]> response = registry.get("/metrics");
        assertEquals(200, response.statusCode(), () -> RunningRegistry.text(response));
        return parse(RunningRegistry.text(response));
    }

    /**
     * Scrapes until {@code done} holds, at most 5 seconds: a request is counted when its response has ended, which
     * the client may see a moment before the server's end handler has run.
     */
    public static Scrape until(RunningRegistry registry, java.util.function.Predicate<Scrape> done) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        Scrape scrape = of(registry);
        while (!done.test(scrape) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            scrape = of(registry);
        }
        return scrape;
    }

    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(3) != null) {
                Matcher label = LABEL.matcher(matcher.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
        }
        return new Scrape(text, samples);
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels} (name, value, name, value...). */
    public double value(String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && matches(sample.labels(), labels)) {
                sum += sample.value();
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no sample " + name + " " + List.of(labels) + " in the scrape");
        }
        return sum;
    }

    /** Like {@link #value}, but 0 when there is no such sample (a counter that never moved is not exported). */
    public double valueOrZero(String name, String... labels) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && matches(s.labels(), labels))
                ? value(name, labels) : 0;
    }

    private static boolean matches(Map<String, String> have, String[] want) {
        for (int i = 0; i < want.length; i += 2) {
            if (!want[i + 1].equals(have.get(want[i]))) {
                return false;
            }
        }
        return true;
    }
}
