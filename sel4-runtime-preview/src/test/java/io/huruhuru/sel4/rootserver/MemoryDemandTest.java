package io.huruhuru.sel4.rootserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ElfImage;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** MemoryDemand counts what the root server's plan maps and hands over, checked against real boots. */
class MemoryDemandTest {

    private static final long SEED = 0xd3a4dL;

    @Test
    void segmentsAreWidenedToPagesAndSharedPagesCountOnce() {
        // [0x100, 0x1100) touches pages 0 and 1; [0x1800, 0x1900) shares page 1; [0x5000, 0x5001) is page 5
        List<Segment> segments = List.of(new Segment(0x100, 0x1000, 0, 0, 5), new Segment(0x1800, 0x100, 0, 0, 6),
                new Segment(0x5000, 1, 0, 0, 4));

        assertEquals(3, MemoryDemand.segmentPages(segments));
    }

    @Test
    void wrappingAndEmptySegmentsCoverNoPage() {
        assertEquals(0, MemoryDemand.segmentPages(List.of(new Segment(-4096, 8192, 0, 0, 4),
                new Segment(0x1000, 0, 0, 0, 4))));
    }

    @Test
    void countsSaturateInsteadOfOverflowing() {
        assertEquals(Long.MAX_VALUE, MemoryDemand.of(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, 0, List.of(), 16, 0)
                .totalBytes());
    }

    /**
     * Over random layouts and counts, the frames and untypeds a real boot retypes for the application are its
     * demand (kernel objects apart), so the model boots exactly what the budget counted.
     */
    @Test
    void theFramesAndUntypedsABootRetypesAreTheDemand() throws Exception {
        Random random = new Random(SEED);
        Platform qemu = Sel4Preview.platform("qemu-arm-virt");
        String frame = io.huruhuru.sel4.kernel.ObjectType.FRAME_4K.displayName(qemu.kernel());
        int booted = 0;
        for (int i = 0; i < 60; i++) {
            List<Segment> segments = new ArrayList<>();
            segments.add(new Segment(0, 0x800 + random.nextInt(0x4000), 0x800, 0, Segment.PF_R | Segment.PF_X));
            for (int s = random.nextInt(4); s > 0; s--) {
                long memsz = 1 + random.nextInt(0x6000);
                segments.add(new Segment(random.nextInt(0x20000), memsz, 0, 0, Segment.PF_R | Segment.PF_W));
            }
            ApplicationDescription app = new ApplicationDescription("app", new ElfImage(true, 183, 0x10, segments),
                    random.nextInt(64), random.nextInt(3), random.nextInt(8), 100, 100, 1 + random.nextInt(32),
                    List.of(), List.of("/app"), List.of());

            BootReport r = Sel4Preview.boot(qemu, List.of(app));

            assertTrue(r.booted(), () -> String.valueOf(r.error()));
            long frames = r.applications().get(0).memory().byObjectType().getOrDefault(frame, 0L);
            long untypeds = r.applications().get(0).memory().byObjectType().entrySet().stream()
                    .filter(e -> e.getKey().toLowerCase().contains("untyped")).mapToLong(e -> e.getValue()).sum();
            MemoryDemand d = MemoryDemand.of(app);
            assertEquals(d.segmentBytes() + d.heapBytes() + d.stackBytes() + d.ipcBufferBytes(), frames, "layout " + i);
            assertEquals(d.utLargeBytes() + d.ut4kBytes(), untypeds, "layout " + i);
            booted++;
        }
        assertEquals(60, booted);
    }
}
