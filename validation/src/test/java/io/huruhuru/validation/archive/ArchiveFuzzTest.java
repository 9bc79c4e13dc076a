package io.huruhuru.validation.archive;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged archives (cut short, bytes flipped) either validate or fail with an ImageSourceException, nothing else. */
class ArchiveFuzzTest {

    private static final RepositoryName KOS_HELLO = RepositoryName.parse("kos/hello");

    private static final long SEED = 20_240_611L;
    private static final int RUNS = 300;

    @TempDir
    Path dir;

    @Test
    void damagedDockerArchivesNeverCrashTheReader() {
        TarBuilder tar = TarBuilder.tar();
        ImageArchives.manifestJson(tar, ImageArchives.addDockerImage(tar, TestImage.hello()
                .layers(TestImage.helloLayer().tarLayer()), "", "kos/hello:1.0"));
        byte[] good = tar.bytes();
        Random random = new Random(SEED);

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int run = 0; run < RUNS; run++) {
                byte[] damaged = random.nextBoolean() ? Arrays.copyOf(good, random.nextInt(good.length))
                        : flip(good, random);
                Path file = ImageArchives.write(dir.resolve("app.tar"), damaged);
                try (ArchiveSource source = ArchiveSource.open(file, Optional.empty())) {
                    new ImageValidator().validate(source, Policy.NONE, KOS_HELLO);
                } catch (ImageSourceException expected) {
                    // the input cannot be read: exit code 2, as intended
                }
            }
        });
    }

    private static byte[] flip(byte[] good, Random random) {
        byte[] damaged = good.clone();
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return damaged;
    }
}
