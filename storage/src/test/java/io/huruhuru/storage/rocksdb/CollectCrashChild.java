package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.gc.CollectionRequest;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.upload.UploadSession;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The process that {@link CollectCrashTest} kills: pushes images and stray blobs, deletes older images, and collects
 * with no grace period in small batches, over and over, so that a kill often lands in a sweep. Reports each step on
 * stdout after the call has returned. Arguments: data directory, seed.
 *
 * <p>Lines: {@code image <repository> <tag> <manifest digest> <layer seed> <layer size>}, {@code deleted <repository>
 * <manifest digest>}, {@code collected <blobs deleted>}.
 */
public final class CollectCrashChild {

    private CollectCrashChild() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        SplittableRandom random = new SplittableRandom(seed);
        PrintStream out = System.out;
        RocksRegistryStore store = RocksRegistryStore.open(directory);
        out.println("ready");
        out.flush();
        Deque<String[]> images = new ArrayDeque<>();
        for (long n = 0; ; n++) {
            RepositoryName repository = RepositoryName.parse("crash/" + (n % 3));
            for (int stray = 0; stray < 2; stray++) {
                push(store, repository, StoreContract.bytes(random.nextInt(2 << 20), seed * 7_000_003L + n * 10 + stray));
            }
            long layerSeed = seed * 1_000_003L + n;
            int layerSize = random.nextInt(3 << 20);
            BlobInfo layer = push(store, repository, StoreContract.bytes(layerSize, layerSeed));
            byte[] text = ("image " + seed + " " + n).getBytes(StandardCharsets.UTF_8);
            StoredManifest manifest = new StoredManifest(Digest.of(DigestAlgorithm.SHA256, text),
                    "application/vnd.oci.image.manifest.v1+json", text, Optional.empty(), Optional.empty(), Map.of(),
                    List.of(layer.digest()));
            Tag tag = Tag.parse("s" + seed + "-" + n);
            store.manifests().put(repository, manifest, Optional.of(tag));
            out.println("image " + repository + " " + tag + " " + manifest.digest() + " " + layerSeed + " "
                    + layerSize);
            out.flush();
            images.add(new String[] {repository.value(), manifest.digest().toString()});
            if (images.size() > 3) {
                String[] old = images.poll();
                store.manifests().delete(RepositoryName.parse(old[0]), Digest.parse(old[1]));
                out.println("deleted " + old[0] + " " + old[1]);
                out.flush();
            }
            long deleted = store.collector().collect(new CollectionRequest(Duration.ZERO, false, List.of(), 2))
                    .blobsDeleted();
            out.println("collected " + deleted);
            out.flush();
        }
    }

    private static BlobInfo push(RocksRegistryStore store, RepositoryName repository, byte[] content) {
        UploadSession.Writer writer = store.uploads().start(repository, DigestAlgorithm.SHA256).receiveFinal();
        for (int at = 0; at < content.length; at += 256 * 1024) {
            writer.append(ByteBuffer.wrap(content, at, Math.min(256 * 1024, content.length - at)));
        }
        return writer.commit(StoreContract.digestOf(content));
    }
}
