package io.huruhuru.validation;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.huruhuru.oci.Digest;
import io.huruhuru.validation.elf.ElfInspection;
import io.huruhuru.validation.elf.ElfInspector;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.LayerReader;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Mutated inputs (fixed seeds, so failures reproduce) never crash or hang the readers: every outcome is facts and
 * violations.
 */
class FuzzTest {

    private static final ReadLimits LIMITS = new ReadLimits(4 << 20, 10_000, 64 << 10, 4096, 64 << 10, 1 << 20);

    private static byte[] mutate(byte[] original, Random random) {
        byte[] copy = original.clone();
        int flips = 1 + random.nextInt(16);
        for (int i = 0; i < flips; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return random.nextInt(4) == 0 ? java.util.Arrays.copyOf(copy, random.nextInt(copy.length)) : copy;
    }

    @Test
    void mutatedLayersGiveFactsNotExceptions() {
        byte[] tar = TestImage.helloLayer().symlink("l", "bin/hello").hardlink("h", "bin/hello")
                .file("d/.wh..wh..opq", "").bytes();
        byte[][] originals = {tar, TarBuilder.gzip(tar), TarBuilder.zstd(tar)};
        LayerReader reader = new LayerReader(LIMITS);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int seed = 0; seed < 600; seed++) {
                Random random = new Random(seed);
                byte[] input = mutate(originals[seed % 3], random);
                LayerFacts facts = reader.read(Digest.parse("sha256:" + "00".repeat(32)), new ByteArrayInputStream(input),
                        Set.of("share.spec.json"));
                assertNotNull(facts.entries());
            }
        });
    }

    @Test
    void mutatedElfHeadersGiveInspectionsNotExceptions() {
        byte[] elf = ElfBuilder.staticPie().add(new ElfBuilder.Phdr(ElfBuilder.PT_INTERP, 4, 0, 0, 1, 1, 1)).build();
        byte[] head = java.util.Arrays.copyOf(elf, 64 + 3 * 56);
        for (int seed = 0; seed < 5000; seed++) {
            Random random = new Random(seed);
            byte[] input = mutate(head, random);
            ElfInspection inspection = ElfInspector.inspect(input, random.nextBoolean() ? elf.length
                    : random.nextLong(), "/bin/x", OptionalInt.of(183));
            assertNotNull(inspection.violations());
        }
    }
}
