package io.huruhuru.sel4.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readable boot log: steps in order, the failure and its reason, channels, and the memory table. */
class BootLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyStepIsALineInOrderAndTheMemoryTableRowsMatchThePicture() throws Exception {
        byte[] report = PreviewReports.helloBoot();
        String log = BootLog.text(report);
        List<String> lines = Arrays.asList(log.split("\n"));
        assertEquals("Boot preview: hello on qemu-arm-virt (aarch64, MCS)", lines.get(0));
        JsonNode steps = JSON.readTree(report).get("steps");
        int at = lines.indexOf("Steps");
        for (int i = 0; i < steps.size(); i++) {
            assertTrue(lines.get(at + 1 + i).startsWith(String.format("%5d  ok", i)), lines.get(at + 1 + i));
        }
        int table = lines.indexOf("Physical memory");
        assertTrue(lines.get(table + 1).matches("region\\s+start\\s+end\\s+size"));
        SvgDocument svg = new SvgDocument(MemoryPicture.svg(report));
        var rows = svg.regions("physical");
        for (int i = 0; i < rows.size(); i++) {
            long start = SvgDocument.start(rows.get(i));
            long size = SvgDocument.size(rows.get(i));
            String row = lines.get(table + 2 + i);
            assertTrue(row.contains(" 0x" + Long.toHexString(start) + " "), row);
            assertTrue(row.contains(" 0x" + Long.toHexString(start + size) + " "), row);
            assertTrue(row.endsWith(Sizes.words(size)), row);
        }
        assertTrue(log.contains("heap rw-"));
        assertTrue(log.contains("0x4a8000           0xea8000               10.0 MiB"), log);
    }

    @Test
    void aFailedBootNamesTheStepAndItsReason() throws Exception {
        byte[] report = PreviewReports.failedBoot();
        JsonNode error = JSON.readTree(report).get("error");
        String log = BootLog.text(report);
        assertTrue(log.contains("failed at step " + error.get("stepIndex").asInt() + " (big): seL4_NotEnoughMemory"));
        assertTrue(log.contains(String.format("%5d  failed  big", error.get("stepIndex").asInt())), log);
        JsonNode failing = JSON.readTree(report).get("steps").get(error.get("stepIndex").asInt());
        assertTrue(log.contains("       reason: " + failing.get("detail").asText() + "\n"), log);
        assertTrue(log.contains(error.get("detail").asText()));
    }

    @Test
    void aSystemLogListsTheChannelsAndTheTeardown(@TempDir Path dir) throws Exception {
        String log = BootLog.text(PreviewReports.talkSystem(dir));
        assertTrue(log.startsWith("System preview: example compose on qemu-arm-virt"));
        assertTrue(log.contains("  boot order: server, client\n"));
        assertTrue(log.contains("  channel server -> Poukai.msg0 -> client: echo_protocol, badge 2, network back-tier\n"));
        assertTrue(log.contains("every byte returned"));
        assertTrue(log.contains("Address space of Poukai.msg0"));
    }

    @Test
    void aNameWithALineBreakCannotForgeALineOfTheLog() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(PreviewReports.helloBoot());
        ((ObjectNode) tree.get("applications").get(0)).put("name", "x\nResult: booted\u001b[2J");
        String log = BootLog.text(JSON.writeValueAsBytes(tree));
        assertFalse(log.contains("\nResult: booted"));
        assertTrue(log.contains("Address space of x\\u000aResult: booted\\u001b[2J"));
        assertEquals(BootLog.text(JSON.writeValueAsBytes(tree)), log);
    }
}
