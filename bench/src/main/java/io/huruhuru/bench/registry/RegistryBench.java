package io.huruhuru.bench.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The HTTP client of bench/registry-bench.sh: one subcommand per figure, run the same way against
 * Huruhuru and the reference registry, printing {@code result <key> <value>} lines.
 */
public final class RegistryBench {

    private static final String USAGE = """
            usage: RegistryBench <command> [--option value]...
              free-port
              client-ceiling  --size-bytes N
              wait-ready      --url U [--pid P] [--timeout-s 60]
              push-monolithic --url U --repo R --size-bytes N --blob-id I [--rss-pid P]
              push-chunked    --url U --repo R --size-bytes N --blob-id I [--chunk-bytes 8388608]
              pull            --url U --repo R --digest D --size-bytes N [--repeat 3]
              push-image      --url U --repo R [--tag latest] [--layer-bytes N --layer-id I]
              validation-cost --url U --repo R --tar-mib N [--rounds 5] [--first-seed S] [--client http|skopeo]
                              [--rate-mibps R]
              signing-cost    --url U --repo R [--rounds 300] [--warmup 50]
              preview-cost    --url U --repo R [--platform qemu-arm-virt] [--rounds 100] [--warmup 30] [--services 20]
              concurrent-push --url U --repo R --count C --size-bytes N --blob-id I
              put-tags        --url U --repo R --count N [--concurrency 8]
              list-tags       --url U --repo R --count N [--page 100] [--seconds 5]
              gc-space        --url U --repo R --data DIR --images N --layer-bytes B [--concurrency 4]
                              [--grace-s 10]
              gc-slowdown     --url U --repo R --population P --images N --rounds K [--concurrency 2]
            """;

    private RegistryBench() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        try {
            run(args[0], options(args));
        } catch (ExecutionException e) {
            fail(e.getCause());
        } catch (Exception e) {
            fail(e);
        }
    }

    private static void fail(Throwable failure) {
        System.err.println("error: " + failure.getMessage());
        if (failure.getCause() != null) {
            System.err.println("  caused by: " + failure.getCause());
        }
        System.exit(1);
    }

    private static void run(String command, Map<String, String> o) throws Exception {
        switch (command) {
            case "free-port" -> {
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    System.out.println(socket.getLocalPort());
                }
            }
            case "client-ceiling" -> LoopbackSink.measure(num(o, "size-bytes"));
            case "wait-ready" -> waitReady(url(o), Long.parseLong(o.getOrDefault("pid", "0")),
                    Double.parseDouble(o.getOrDefault("timeout-s", "60")));
            case "push-monolithic" -> BlobFigures.pushMonolithic(url(o), req(o, "repo"), num(o, "size-bytes"),
                    num(o, "blob-id"), Long.parseLong(o.getOrDefault("rss-pid", "0")));
            case "push-chunked" -> BlobFigures.pushChunked(url(o), req(o, "repo"), num(o, "size-bytes"),
                    Long.parseLong(o.getOrDefault("chunk-bytes", Long.toString(8L << 20))), num(o, "blob-id"));
            case "pull" -> BlobFigures.pull(url(o), req(o, "repo"), req(o, "digest"), num(o, "size-bytes"),
                    Integer.parseInt(o.getOrDefault("repeat", "3")));
            case "push-image" -> pushImage(url(o), req(o, "repo"), o.getOrDefault("tag", "latest"),
                    o.containsKey("layer-bytes") ? new ImageFixture(num(o, "layer-id"), num(o, "layer-bytes"))
                            : ImageFixture.small());
            case "validation-cost" -> ValidationCost.measure(url(o), req(o, "repo"), (int) num(o, "tar-mib"),
                    Integer.parseInt(o.getOrDefault("rounds", "5")), Long.parseLong(o.getOrDefault("first-seed", "1")),
                    o.getOrDefault("client", "http"), Double.parseDouble(o.getOrDefault("rate-mibps", "0")));
            case "signing-cost" -> SigningCost.measure(url(o), req(o, "repo"),
                    Integer.parseInt(o.getOrDefault("rounds", "300")), Integer.parseInt(o.getOrDefault("warmup", "50")));
            case "preview-cost" -> PreviewCost.measure(url(o), req(o, "repo"), o.getOrDefault("platform",
                    "qemu-arm-virt"), Integer.parseInt(o.getOrDefault("rounds", "100")),
                    Integer.parseInt(o.getOrDefault("warmup", "30")), Integer.parseInt(o.getOrDefault("services", "20")));
            case "concurrent-push" -> BlobFigures.concurrentPush(url(o), req(o, "repo"), (int) num(o, "count"),
                    num(o, "size-bytes"), num(o, "blob-id"));
            case "put-tags" -> TagFigures.putTags(url(o), req(o, "repo"), (int) num(o, "count"),
                    Integer.parseInt(o.getOrDefault("concurrency", "8")));
            case "list-tags" -> TagFigures.listTags(url(o), req(o, "repo"), (int) num(o, "count"),
                    Integer.parseInt(o.getOrDefault("page", "100")),
                    Double.parseDouble(o.getOrDefault("seconds", "5")));
            case "gc-space" -> GcFigures.space(url(o), req(o, "repo"), java.nio.file.Path.of(req(o, "data")),
                    (int) num(o, "images"), num(o, "layer-bytes"), Integer.parseInt(o.getOrDefault("concurrency", "4")),
                    Integer.parseInt(o.getOrDefault("grace-s", "10")));
            case "gc-slowdown" -> GcFigures.slowdown(url(o), req(o, "repo"), (int) num(o, "population"),
                    (int) num(o, "images"),
                    (int) num(o, "rounds"), Integer.parseInt(o.getOrDefault("concurrency", "2")));
            default -> throw new IllegalArgumentException("unknown command " + command + "\n" + USAGE);
        }
    }

    /** Pushes a one-layer image (both blobs, then the manifest) and reports how long that took. */
    private static void pushImage(URI url, String repository, String tag, ImageFixture image) throws Exception {
        try (RegistryClient client = new RegistryClient(url)) {
            client.ping();
            long start = System.nanoTime();
            image.push(client, repository, tag);
            long elapsed = System.nanoTime() - start;
            Results.put("manifest_digest", image.manifestDigest());
            Results.put("seconds", elapsed / 1e9);
            Results.put("mibps", Results.mibPerSecond(image.totalBytes(), elapsed));
        }
    }

    /** Polls GET /v2/ until it answers 200; a registry that exits or never answers fails with its last answer. */
    private static void waitReady(URI url, long pid, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IOException("registry process " + pid + " exited; last answer: " + last);
            }
            try (RegistryClient client = new RegistryClient(url)) {
                HttpResponse response = client.ping();
                if (response.status() == 200) {
                    return;
                }
                last = "GET /v2/ -> " + response.status() + " " + response.bodyText().strip();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IOException(url + " not ready after " + seconds + " s: " + last);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value at " + args[i] + "\n" + USAGE);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String req(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name + "\n" + USAGE);
        }
        return value;
    }

    private static long num(Map<String, String> options, String name) {
        return Long.parseLong(req(options, name));
    }

    private static URI url(Map<String, String> options) {
        return URI.create(req(options, "url"));
    }
}
