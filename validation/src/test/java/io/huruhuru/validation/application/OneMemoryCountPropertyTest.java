package io.huruhuru.validation.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.validation.ImageFacts;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.budget.PolicyLoader;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.ElfBuilder.Phdr;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.ReadLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The budget check on push and the boot preview count an image's memory the same way: over thousands of random
 * koskit images (labels within and beyond the policy's limits, random PT_LOAD layouts), the memory total of the
 * validation report equals, byte for byte, the MemoryDemand of the application the image maps to.
 */
class OneMemoryCountPropertyTest {

    private static final long SEED = 0x5e14_b007L;
    private static final int IMAGES = 2000;
    private static final RepositoryName REPO = RepositoryName.parse("kos/app");

    @Test
    void theBudgetsMemoryTotalEqualsTheModelsDemandForEveryRandomImage() throws Exception {
        Random random = new Random(SEED);
        ImageValidator validator = new ImageValidator();
        ImageApplications apps = new ImageApplications(ReadLimits.DEFAULT, LayerFactsCache.NONE);
        int compared = 0;
        int overBudget = 0;
        int tooLargeForTheModel = 0;
        List<Policy> policies = new ArrayList<>();
        for (int p = 0; p < 16; p++) {
            policies.add(policy(random));
        }
        for (int i = 0; i < IMAGES; i++) {
            long heap = count(random);
            long large = count(random);
            long small = count(random);
            TestImage image = image(random, heap, large, small);
            Policy policy = policies.get(random.nextInt(policies.size()));

            ValidationReport report = validator.validate(image.source(), policy, REPO);
            long budget = report.images().get(0).facts().flatMap(ImageFacts::memory).orElseThrow().totalBytes();
            ImageApplication mapped = apps.describe(image.source(), Architecture.AARCH64, ServiceProcess.UNCHANGED);

            String seed = "image " + i + " of seed " + SEED + ": heap " + heap + ", 2 MiB " + large + ", 4 KiB " + small;
            if (Math.max(heap, Math.max(large, small)) > Integer.MAX_VALUE) {
                assertEquals("labels", ((ImageApplication.NotBootable) mapped).step(), seed);
                tooLargeForTheModel++;
                continue;
            }
            ImageApplication.Bootable bootable = (ImageApplication.Bootable) mapped;
            assertEquals(budget, MemoryDemand.of(bootable.application()).totalBytes(), seed);
            compared++;
            if (report.images().get(0).violations().stream().anyMatch(v -> v.ruleId().startsWith("budget."))) {
                overBudget++;
            }
        }
        assertEquals(IMAGES, compared + tooLargeForTheModel);
        assertTrue(compared > IMAGES * 8 / 10 && overBudget > IMAGES / 10 && tooLargeForTheModel > 0,
                compared + " compared, " + overBudget + " over budget, " + tooLargeForTheModel + " too large");
    }

    /** Page counts: mostly small, some at the policy's limits, a few up to the label maximum 2^32 - 1. */
    private static long count(Random random) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return (long) Integer.MAX_VALUE + 1 + (long) (random.nextDouble() * (0xffff_ffffL - Integer.MAX_VALUE - 1));
        }
        if (kind < 4) {
            return 4096 + random.nextInt(1 << 20);
        }
        return random.nextInt(4096);
    }

    private static Policy policy(Random random) throws Exception {
        return PolicyLoader.load("""
                platforms:
                  board: {architecture: arm64}
                rules:
                  - repositories: ["kos/**"]
                    platform: board
                    mode: enforce
                    limits: {heap_pages: %d, ut_large_page: %d, memory: %d}
                """.formatted(random.nextInt(8192), random.nextInt(64), 1L + random.nextInt(1 << 30)));
    }

    private static TestImage image(Random random, long heap, long large, long small) {
        int priority = random.nextInt(256);
        int maxPriority = priority + random.nextInt(256 - priority);
        String spec = "{\"name\":\"app\",\"binary\":\"/bin/app\",\"heap_pages\":" + heap + ",\"ut_large_page\":" + large
                + ",\"ut_4k_pages\":" + small + ",\"priority\":" + priority + ",\"max_priority\":" + maxPriority + "}";
        byte[] elf = ElfBuilder.staticPie().segments(segments(random)).entry(0x1000).fileSize(0x4000).build();
        return TestImage.plain().labels(TestImage.helloLabels()).withoutLabel("com.koskit.app.spec.publishes")
                .label("com.koskit.app.name", "app").label("com.koskit.app.binary.loopback", "/bin/app")
                .label("com.koskit.app.spec.heap_pages", Long.toString(heap))
                .label("com.koskit.app.spec.ut_large_page", Long.toString(large))
                .label("com.koskit.app.spec.ut_4k_pages", Long.toString(small))
                .label("com.koskit.app.spec.priority", Integer.toString(priority))
                .label("com.koskit.app.spec.max_priority", Integer.toString(maxPriority))
                .layers(TarBuilder.tar().dir("bin").file("bin/app", elf, 0755).file("share.spec.json", spec)
                        .gzipLayer());
    }

    /** One to five PT_LOAD segments: text at 0x1000, then data anywhere, unaligned, overlapping or sharing pages. */
    private static Phdr[] segments(Random random) {
        List<Phdr> out = new ArrayList<>();
        out.add(new Phdr(ElfBuilder.PT_LOAD, 5, 0, 0x1000, 0x800, 0x800 + random.nextInt(0x3000), 0x1000));
        int more = random.nextInt(5);
        for (int i = 0; i < more; i++) {
            long vaddr = random.nextBoolean() ? 0x1000 + random.nextInt(0x8000) : random.nextLong(1L << 40);
            long memsz = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(1 << 22);
            long filesz = Math.min(memsz, random.nextInt(0x1000));
            out.add(new Phdr(ElfBuilder.PT_LOAD, 4 | (random.nextBoolean() ? 2 : 0), 0x1000, vaddr, filesz, memsz,
                    0x1000));
        }
        return out.toArray(new Phdr[0]);
    }
}
