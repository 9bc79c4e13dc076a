package io.huruhuru.sel4.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ElfImageTest {

    @Test
    void readsEntryTypeMachineAndLoadSegments() {
        var segments = List.of(new Segment(0x400000L, 0x2000, 0x1800, 0x1000, Segment.PF_R | Segment.PF_X));
        ElfImage elf = ElfImage.parse(TestElf.bytes(2, 183, 0x400100L, segments));
        assertEquals(new ElfImage(false, 183, 0x400100L, segments), elf);
    }

    @Test
    void aDynamicExecutableIsPositionIndependent() {
        var segments = List.of(new Segment(0, 0x1000, 0x100, 0x1000, Segment.PF_R));
        assertTrue(ElfImage.parse(TestElf.bytes(3, 183, 0x10, segments)).positionIndependent());
    }

    @Test
    void aFileWithoutElfMagicIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ElfImage.parse(new byte[64]));
        assertTrue(e.getMessage().contains("bad magic"));
    }

    @Test
    void aSegmentWhoseFileBytesAreMissingIsRejected() {
        byte[] bytes = TestElf.bytes(2, 183, 0, List.of(new Segment(0x400000L, 0x2000, 0x1800, 0x1000, 5)));
        byte[] truncated = java.util.Arrays.copyOf(bytes, 0x1000);
        var e = assertThrows(IllegalArgumentException.class, () -> ElfImage.parse(truncated));
        assertTrue(e.getMessage().contains("past the end"), e.getMessage());
    }
}
