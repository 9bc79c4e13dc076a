package io.huruhuru.validation.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportFormatTest {

    private static final RepositoryName KOS_HELLO = RepositoryName.parse("kos/hello");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An index: arm64 fails a label check, a spec check and an ELF warning; amd64 is not koskit. */
    private static ValidationReport failingIndex() throws Exception {
        byte[] wx = ElfBuilder.staticPie().segments(new ElfBuilder.Phdr(ElfBuilder.PT_LOAD, 7, 0, 0, 0x2000, 0x2000,
                0x1000)).build();
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put("arm64", TestImage.hello().label("com.koskit.app.spec.priority", "300")
                .layers(TarBuilder.tar().file("bin/hello", wx, 0755)
                        .file("share.spec.json", TestImage.SPEC_JSON.replace("\"name\":\"hello\"", "\"name\":\"<&>\""))
                        .gzipLayer()));
        images.put("amd64", TestImage.plain().architecture("amd64"));
        return new ImageValidator().validate(TestImage.index(images), Policy.NONE, KOS_HELLO);
    }

    @Test
    void everyFormatIsDeterministic() throws Exception {
        ValidationReport first = failingIndex();
        ValidationReport second = failingIndex();

        for (ReportFormat format : ReportFormat.values()) {
            assertArrayEquals(format.render(first), format.render(second), format.name());
        }
    }

    @Test
    void jsonListsEveryViolationWithItsFields() throws Exception {
        JsonNode json = JSON.readTree(JsonReport.render(failingIndex()));

        assertEquals(false, json.get("passed").asBoolean());
        assertEquals(true, json.get("rejects").asBoolean());
        assertEquals(2, json.get("errors").asInt());
        assertEquals(1, json.get("warnings").asInt());
        JsonNode arm = json.get("images").get(0);
        assertEquals("linux/arm64", arm.get("platform").asText());
        JsonNode first = arm.get("violations").get(0);
        assertEquals("label.range", first.get("rule").asText());
        assertEquals("error", first.get("severity").asText());
        assertEquals("com.koskit.app.spec.priority", first.get("where").asText());
        assertEquals("300", first.get("found").asText());
        assertEquals("0x1000", arm.get("facts").get("elf").get("entry").asText());
        assertEquals("RWX", arm.get("facts").get("elf").get("loadSegments").get(0).get("flags").asText());
        assertEquals(false, json.get("images").get(1).get("koskit").asBoolean());
    }

    @Test
    void junitXmlFailsTheCategoriesWithErrors() throws Exception {
        byte[] xml = JunitReport.render(failingIndex());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));

        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("skipped"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(3, suites.getLength());
        Element arm = (Element) suites.item(1);
        assertEquals("7", arm.getAttribute("tests"));
        NodeList failures = arm.getElementsByTagName("failure");
        assertEquals("label.range", ((Element) failures.item(0)).getAttribute("type"));
        assertEquals("spec.mismatch", ((Element) failures.item(1)).getAttribute("type"));
        assertTrue(failures.item(1).getTextContent().contains("<&>"), "escaped and read back");
        assertTrue(arm.getElementsByTagName("system-out").item(0).getTextContent().contains("elf.segment-wx"));
    }

    @Test
    void sarifHasRulesResultsAndLocations() throws Exception {
        JsonNode sarif = JSON.readTree(SarifReport.render(failingIndex()));

        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode run = sarif.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertEquals(RuleId.values().length, rules.size());
        JsonNode results = run.get("results");
        assertEquals(3, results.size());
        JsonNode label = results.get(0);
        assertEquals("label.range", label.get("ruleId").asText());
        assertEquals(label.get("ruleId").asText(), rules.get(label.get("ruleIndex").asInt()).get("id").asText());
        assertEquals("error", label.get("level").asText());
        assertEquals("com.koskit.app.spec.priority",
                label.get("locations").get(0).get("logicalLocations").get(0).get("name").asText());
        JsonNode wx = results.get(1);
        assertEquals("warning", wx.get("level").asText());
        JsonNode artifact = wx.get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertEquals("bin/hello", artifact.get("uri").asText());
        assertEquals("ROOTFS", artifact.get("uriBaseId").asText());
    }

    @Test
    void textEndsWithTheVerdict() throws Exception {
        String text = new String(TextReport.render(failingIndex()), StandardCharsets.UTF_8);

        assertTrue(text.endsWith("FAILED: 2 error(s), 1 warning(s), mode enforce\n"), text);
        assertTrue(text.contains("error label.range com.koskit.app.spec.priority"), text);
    }

    @Test
    void formatsAreFoundByName() {
        assertEquals(ReportFormat.SARIF, ReportFormat.byName("sarif").orElseThrow());
        assertTrue(ReportFormat.byName("html").isEmpty());
    }

    @Test
    void xmlEscapingDropsCharactersXmlCannotCarry() {
        assertEquals("a&lt;b&gt;&amp;&quot;\uFFFD", Xml.escape("a<b>&\"\u0001"));
    }
}
