package io.huruhuru.sel4.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one ELF reader reads untrusted bytes: it answers with a reading for anything and never reads past them. */
class ElfHeadersTest {

    @Test
    void aWellFormedPieIsReadWithItsLoadSegmentsAndAlignment() {
        byte[] bytes = TestElf.bytes(3, 183, 0x100, List.of(new Segment(0, 0x2000, 0x100, 0, 5, 0x10000)));

        ElfHeaders h = assertInstanceOf(ElfHeaders.Read.class, ElfHeaders.read(bytes, bytes.length)).headers();

        assertEquals(List.of(new Segment(0, 0x2000, 0x100, 0, 5, 0x10000)), h.loadSegments());
        assertEquals("ET_DYN", h.typeName());
        assertEquals("EM_AARCH64", h.machineName());
    }

    @Test
    void aProgramHeaderTablePastTheGivenHeadIsMalformedNotAnIndexError() {
        byte[] bytes = TestElf.bytes(3, 183, 0x100, List.of(new Segment(0, 0x2000, 0x100, 0, 5)));
        byte[] head = java.util.Arrays.copyOf(bytes, 80);

        ElfHeaders.Malformed m = assertInstanceOf(ElfHeaders.Malformed.class, ElfHeaders.read(head, bytes.length));

        assertEquals(ElfHeaders.Problem.TABLE_PAST_HEAD, m.problem());
        assertEquals(183, m.elfHeader().orElseThrow().machine());
    }

    @Test
    void aHugeProgramHeaderOffsetIsMalformedWithoutOverflow() {
        byte[] bytes = TestElf.bytes(3, 183, 0x100, List.of(new Segment(0, 0x2000, 0x100, 0, 5)));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(32, Long.MAX_VALUE - 10);

        ElfHeaders.Malformed m = assertInstanceOf(ElfHeaders.Malformed.class, ElfHeaders.read(bytes, bytes.length));

        assertEquals(ElfHeaders.Problem.TABLE_PAST_END_OF_FILE, m.problem());
    }

    @Test
    void aSegmentWithFileBytesAboveItsMemorySizeIsReadButNotLoadable() {
        byte[] bytes = TestElf.bytes(3, 183, 0x100, List.of(new Segment(0, 0x10, 0x10, 0, 5)));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 32, 0x20);

        assertInstanceOf(ElfHeaders.Read.class, ElfHeaders.read(bytes, bytes.length));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ElfImage.parse(bytes));
        assertTrue(e.getMessage().contains("larger than its memory size") || e.getMessage().contains("past the end"),
                e.getMessage());
    }

    @Test
    void randomlyCorruptedHeadersGiveAReadingOrAnIllegalArgumentNeverAnotherException() {
        Random random = new Random(0xe1fL);
        byte[] good = TestElf.bytes(3, 183, 0x100, List.of(new Segment(0, 0x2000, 0x100, 0, 5),
                new Segment(0x4000, 0x2000, 0x100, 0x100, 6)));
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = good.clone();
            for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                bytes[random.nextInt(Math.min(bytes.length, 64 + 56 * 2))] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(8) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
            byte[] head = java.util.Arrays.copyOf(bytes, length);

            ElfHeaders.Reading reading = ElfHeaders.read(head, length);
            try {
                ElfImage.of(reading, length);
            } catch (IllegalArgumentException expected) {
                // refused in words; anything else would be a crash on hostile input
            }
        }
    }
}
