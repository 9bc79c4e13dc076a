package io.huruhuru.sel4.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Report bytes that try to break the renderers: refused with a reason, or drawn as far as they make sense. */
class PreviewReportTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class, () -> MemoryPicture.svg(utf8(json))).getMessage();
    }

    @Test
    void deeplyNestedJsonIsRefusedNotAStackOverflow() {
        String nested = "{\"platform\":\"p\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertTrue(refusal(nested).startsWith("not a boot report"));
    }

    @Test
    void anUntypedLargerThanAnAddressIsRefusedRatherThanWrapped() {
        assertTrue(refusal("{\"platform\":\"p\",\"kernel\":{\"untypeds\":[{\"slot\":1,\"paddr\":\"0x0\","
                + "\"sizeBits\":200,\"isDevice\":false}]}}").contains("2^200"));
    }

    @Test
    void aRetypeWhoseTotalOverflowsIsRefused() {
        assertTrue(refusal("{\"platform\":\"p\",\"steps\":[{\"index\":7,\"action\":\"Untyped_Retype\","
                + "\"sizeBits\":40,\"count\":2000000000,\"paddr\":\"0x0\",\"outcome\":\"ok\"}]}")
                .contains("step 7"));
    }

    @Test
    void aRegionEndingBeforeItStartsIsRefused() {
        assertTrue(refusal("{\"platform\":\"p\",\"applications\":[{\"name\":\"a\",\"addressSpace\":"
                + "[{\"name\":\"heap\",\"start\":\"0x2000\",\"end\":\"0x1000\"}]}]}").contains("-4096 bytes"));
    }

    @Test
    void aReportOfAnUnknownPlatformIsDrawnOverTheRangeItsRegionsCover() throws Exception {
        SvgDocument doc = new SvgDocument(MemoryPicture.svg(utf8("{\"platform\":\"board-of-tomorrow\","
                + "\"result\":\"booted\",\"kernel\":{\"untypeds\":[{\"slot\":5,\"paddr\":\"0x1000\",\"sizeBits\":12,"
                + "\"isDevice\":false},{\"slot\":6,\"paddr\":\"0x4000\",\"sizeBits\":14,\"isDevice\":false}]}}")));
        assertTrue(doc.text().contains("on board-of-tomorrow"));
        var rows = doc.regions("physical");
        assertEquals(3, rows.size());
        assertEquals("reserved", rows.get(1).getAttribute("data-region"));
        assertEquals(0x8000 - 0x1000, rows.stream().mapToLong(SvgDocument::size).sum());
    }
}
