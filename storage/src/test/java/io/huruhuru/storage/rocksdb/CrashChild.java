package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.upload.Upload;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The process that {@link CrashTest} kills: pushes uploads of random sizes in a loop, half of them flushing into the
 * journal, and reports each step on stdout after the call that it reports has returned. Arguments: data directory,
 * seed, upload file limit in bytes.
 *
 * <p>Lines: {@code start <id> <seed> <size>}, {@code flushed <id> <bytes>}, {@code committed <id> <digest>}.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        long fileLimit = Long.parseLong(args[2]);
        SplittableRandom random = new SplittableRandom(seed);
        PrintStream out = System.out;
        RocksRegistryStore store = RocksRegistryStore.open(directory, fileLimit);
        out.println("ready");
        out.flush();
        for (long n = 0; ; n++) {
            long blobSeed = seed * 1_000_003L + n;
            int size = randomSize(random);
            byte[] content = StoreContract.bytes(size, blobSeed);
            Upload upload = store.uploadStore().start(RepositoryName.parse("crash/" + (n % 3)), DigestAlgorithm.SHA256);
            // Half of the uploads flush as chunks do, into the journal, which must outlive the kill as well.
            if (random.nextBoolean()) {
                upload.receiveChunk();
            } else {
                upload.receiveFinal();
            }
            out.println("start " + upload.id() + " " + blobSeed + " " + size);
            out.flush();
            int at = 0;
            while (at < size) {
                int piece = Math.min(size - at, 1 + random.nextInt(256 * 1024));
                upload.append(ByteBuffer.wrap(content, at, piece));
                at += piece;
                if (random.nextInt(8) == 0) {
                    upload.flush();
                    out.println("flushed " + upload.id() + " " + at);
                    out.flush();
                }
            }
            if (random.nextInt(6) == 0) {
                upload.flush();
                out.println("flushed " + upload.id() + " " + at);
                out.flush();
                continue; // left unfinished, for the parent to resume
            }
            String digest = upload.commit(Digest.parse(StoreContract.sha256(content))).digest().toString();
            out.println("committed " + upload.id() + " " + digest);
            out.flush();
        }
    }

    private static int randomSize(SplittableRandom random) {
        int mib = 1 << 20;
        switch (random.nextInt(6)) {
            case 0:
                return random.nextInt(100);
            case 1:
                return mib + random.nextInt(-2, 3);
            case 2:
                return random.nextInt(6 * mib);
            default:
                return random.nextInt(3 * mib);
        }
    }
}
