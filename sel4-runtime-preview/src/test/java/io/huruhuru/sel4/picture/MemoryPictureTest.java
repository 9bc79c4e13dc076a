package io.huruhuru.sel4.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The memory picture of the talk's hello app on qemu-arm-virt, checked region by region against its report. */
class MemoryPictureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static byte[] report;
    private static JsonNode json;
    private static SvgDocument svg;

    @BeforeAll
    static void render() throws Exception {
        report = PreviewReports.helloBoot();
        json = JSON.readTree(report);
        svg = new SvgDocument(MemoryPicture.svg(report));
    }

    private static long hex(JsonNode n) {
        return Long.parseUnsignedLong(n.asText().substring(2), 16);
    }

    @Test
    void everyUntypedOfTheReportIsDrawnWithItsAddressAndSize() {
        Map<Integer, Element> drawn = new HashMap<>();
        svg.regions("untyped").forEach(e -> drawn.put(Integer.parseInt(e.getAttribute("data-slot")), e));
        JsonNode untypeds = json.get("kernel").get("untypeds");
        assertEquals(untypeds.size(), drawn.size());
        for (JsonNode u : untypeds) {
            Element e = drawn.get(u.get("slot").asInt());
            assertEquals(hex(u.get("paddr")), SvgDocument.start(e), "untyped in slot " + u.get("slot"));
            assertEquals(1L << u.get("sizeBits").asInt(), SvgDocument.size(e));
            assertEquals(u.get("isDevice").asBoolean() ? "device-untyped" : "untyped", e.getAttribute("data-region"));
        }
    }

    @Test
    void everyMappedRegionOfTheAppIsDrawnWithItsRangeAndSizeInWords() {
        List<Element> drawn = svg.regions("virtual").stream()
                .filter(e -> !e.getAttribute("data-region").equals("unmapped")).toList();
        JsonNode space = json.get("applications").get(0).get("addressSpace");
        assertEquals(space.size(), drawn.size());
        for (JsonNode m : space) {
            long start = hex(m.get("start"));
            Element e = drawn.stream().filter(d -> SvgDocument.start(d) == start).findFirst().orElseThrow();
            assertEquals(hex(m.get("end")) - start, SvgDocument.size(e));
            assertTrue(e.getAttribute("data-name").contains(m.get("name").asText()));
        }
        Element heap = drawn.stream().filter(e -> e.getAttribute("data-region").equals("heap")).findFirst().orElseThrow();
        assertTrue(heap.getTextContent().contains("heap  10.0 MiB"), heap.getTextContent());
        assertTrue(heap.getTextContent().contains("0x4a8000-0xea8000"), heap.getTextContent());
    }

    @Test
    void physicalRegionsAreInAddressOrderWithoutOverlapAndAddUpToTheReportsTotals() {
        List<Element> rows = svg.regions("physical");
        long allocated = 0;
        long free = 0;
        Map<String, Long> byApp = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Element e = rows.get(i);
            if (i > 0) {
                Element before = rows.get(i - 1);
                assertTrue(SvgDocument.start(before) + SvgDocument.size(before) <= SvgDocument.start(e),
                        "region " + i + " overlaps the one before");
            }
            if (!e.getAttribute("data-owner").isEmpty()) {
                allocated += SvgDocument.size(e);
                byApp.merge(e.getAttribute("data-owner"), SvgDocument.size(e), Long::sum);
            } else if (e.getAttribute("data-region").equals("free")) {
                free += SvgDocument.size(e);
            }
        }
        JsonNode memory = json.get("memory");
        assertEquals(memory.get("totalBytes").asLong(), allocated);
        assertEquals(Map.of("hello", json.get("applications").get(0).get("memory").get("totalBytes").asLong()), byApp);
        assertEquals(json.get("kernel").get("ramUntypedBytes").asLong(), allocated + free);
        assertEquals(1L << 30, rows.stream().mapToLong(SvgDocument::size).sum(), "qemu-arm-virt's 1 GiB of RAM");
        assertTrue(rows.stream().anyMatch(e -> e.getAttribute("data-region").equals("kernel")));
        assertTrue(rows.stream().anyMatch(e -> e.getAttribute("data-name").equals("root server image")));
    }

    @Test
    void rowsOfAColumnDoNotOverlapAndASixteenByteEndpointIsAsTallAsItsLabelNeeds() {
        for (String space : List.of("physical", "virtual")) {
            List<Element> rows = new ArrayList<>(svg.regions(space));
            rows.sort(Comparator.comparingInt(SvgDocument::top));
            for (int i = 1; i < rows.size(); i++) {
                assertTrue(SvgDocument.top(rows.get(i - 1)) + SvgDocument.height(rows.get(i - 1))
                        <= SvgDocument.top(rows.get(i)), space + " row " + i + " overlaps the row above");
            }
        }
        Element endpoint = svg.regions("physical").stream()
                .filter(e -> e.getAttribute("data-region").equals("endpoint")).findFirst().orElseThrow();
        assertEquals(16, SvgDocument.size(endpoint));
        assertEquals(26, SvgDocument.height(endpoint));
        Element free = svg.regions("physical").stream().filter(e -> e.getAttribute("data-region").equals("free"))
                .max(Comparator.comparingLong(SvgDocument::size)).orElseThrow();
        assertTrue(SvgDocument.height(free) > SvgDocument.height(endpoint));
        assertTrue(SvgDocument.height(free) <= 130);
    }

    @Test
    void theTitleNamesTheAppAndThePlatformAndTheLegendHasAColourPerKind() {
        assertTrue(svg.text().contains("Memory: hello on qemu-arm-virt (aarch64, MCS)"));
        List<String> legend = svg.where("g", "data-legend", null).stream().map(e -> e.getAttribute("data-legend")).toList();
        for (Element e : svg.regions("physical")) {
            assertTrue(legend.contains(e.getAttribute("data-region")), e.getAttribute("data-region") + " not in legend");
        }
    }

    @Test
    void theSameReportGivesTheSameBytes() throws Exception {
        assertEquals(MemoryPicture.svg(report), MemoryPicture.svg(PreviewReports.helloBoot()));
    }

    @Test
    void aHostileAppNameStaysText() throws Exception {
        String hostile = "<script>alert(1)</script>&\"'\u0001]]>";
        ObjectNode tree = (ObjectNode) JSON.readTree(report);
        ((ObjectNode) tree.get("applications").get(0)).put("name", hostile);
        for (JsonNode step : tree.get("steps")) {
            ((ObjectNode) step).put("application", hostile);
        }
        SvgDocument doc = new SvgDocument(MemoryPicture.svg(JSON.writeValueAsBytes(tree)));
        assertEquals(0, doc.doc.getElementsByTagName("script").getLength());
        assertTrue(doc.text().contains("Address space of <script>alert(1)</script>&\"'\uFFFD]]>"));
        assertFalse(doc.regions("physical").stream().noneMatch(e -> e.getAttribute("data-owner").startsWith("<script>")));
    }

    @Test
    void aFailedBootShowsWhatWasAllocatedBeforeTheFailureAndNamesTheFailingStep() throws Exception {
        byte[] failed = PreviewReports.failedBoot();
        JsonNode tree = JSON.readTree(failed);
        SvgDocument doc = new SvgDocument(MemoryPicture.svg(failed));
        JsonNode error = tree.get("error");
        assertTrue(doc.text().contains("failed at step " + error.get("stepIndex").asInt() + " (big): "
                + error.get("code").asText()), doc.text());
        assertTrue(doc.text().contains(error.get("detail").asText()));
        // Objects retyped for big, and the untypeds it was given; not the untypeds the root server split to make them.
        long retypedByBig = 0;
        for (JsonNode s : tree.get("steps")) {
            if (s.get("application").asText().equals("big") && s.get("action").asText().equals("Untyped_Retype")
                    && s.get("outcome").asText().equals("ok") && (!s.get("objectType").asText().contains("Untyped")
                    || s.get("phase").asText().startsWith("untyped "))) {
                retypedByBig += (long) s.get("count").asInt() << s.get("sizeBits").asInt();
            }
        }
        assertTrue(retypedByBig > 0);
        assertEquals(retypedByBig, doc.regions("physical").stream()
                .filter(e -> e.getAttribute("data-owner").equals("big")).mapToLong(SvgDocument::size).sum());
    }

    @Test
    void aMicroVmsGuestMemoryMapIsDrawnRegionByRegionWithItsInitrd() throws Exception {
        byte[] vm = PreviewReports.pythonMicroVm();
        JsonNode map = JSON.readTree(vm).get("applications").get(0).get("guest").get("memoryMap");
        List<Element> drawn = new SvgDocument(MemoryPicture.svg(vm)).regions("guest");
        assertEquals(map.size(), drawn.size());
        for (int i = 0; i < map.size(); i++) {
            assertEquals(map.get(i).get("name").asText(), drawn.get(i).getAttribute("data-name"));
            assertEquals(hex(map.get(i).get("start")), SvgDocument.start(drawn.get(i)));
            assertEquals(map.get(i).get("bytes").asLong(), SvgDocument.size(drawn.get(i)));
        }
        assertTrue(drawn.stream().anyMatch(e -> e.getAttribute("data-name").contains("initrd")),
                "the mapped initrd is drawn");
        long taken = new SvgDocument(MemoryPicture.svg(vm)).regions("physical").stream()
                .filter(e -> !e.getAttribute("data-owner").isEmpty()).mapToLong(SvgDocument::size).sum();
        assertEquals(JSON.readTree(vm).get("memory").get("totalBytes").asLong(), taken, "guest RAM and VMM objects");
    }

    @Test
    void aDriverContainersDeviceWindowIsInItsAddressSpaceAndTheDeviceListSaysWhoMapsIt(@TempDir Path dir)
            throws Exception {
        byte[] system = PreviewReports.driverSystem(dir);
        JsonNode nodeRed = null;
        for (JsonNode app : JSON.readTree(system).get("applications")) {
            nodeRed = app.get("name").asText().equals("node-red") ? app : nodeRed;
        }
        JsonNode device = nodeRed.get("devices").get(0);
        SvgDocument doc = new SvgDocument(MemoryPicture.svg(system));
        Element window = doc.regions("virtual").stream().filter(e -> e.getAttribute("data-region").equals("device"))
                .findFirst().orElseThrow();
        assertEquals(hex(device.get("vaddr")), SvgDocument.start(window));
        assertEquals(device.get("bytes").asLong(), SvgDocument.size(window));
        Element listed = doc.regions("device").stream()
                .filter(e -> SvgDocument.start(e) == hex(device.get("paddr"))).findFirst().orElseThrow();
        assertTrue(listed.getTextContent().contains("mapped by node-red"), listed.getTextContent());
    }

    @Test
    void bytesThatAreNoReportAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> MemoryPicture.svg("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> MemoryPicture.svg("[1]".getBytes(StandardCharsets.UTF_8)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryPicture.svg(
                "{\"platform\":\"qemu-arm-virt\",\"kernel\":{\"untypeds\":[{\"paddr\":\"40000000\"}]}}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("0x-prefixed"));
    }

    @Test
    void aLongStatusLineIsCutIntoPartsThatJoinBackToTheWholeSentence() {
        String reason = "heap of 300,000 pages needs 1.14 GiB; board has 1.0 GiB free after the kernel and root server "
                + "(kernel: 2.0 MiB, root server: 1.2 MiB, boot info and initial objects: 48 KiB) and nothing more";
        List<String> parts = MemorySections.wrap(reason);
        assertTrue(parts.size() > 1, "long enough to be cut");
        assertTrue(parts.stream().allMatch(p -> p.strip().length() <= 128), parts.toString());
        assertEquals(reason, String.join("", parts));
    }
}
