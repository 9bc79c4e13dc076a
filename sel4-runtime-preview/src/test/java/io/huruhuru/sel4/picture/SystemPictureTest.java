package io.huruhuru.sel4.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The talk's compose system (server publishes echo_protocol on Poukai.msg0, client consumes it) as a picture. */
class SystemPictureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static byte[] report;
    private static JsonNode json;
    private static SvgDocument svg;

    @BeforeAll
    static void render() throws Exception {
        report = PreviewReports.talkSystem(dir);
        json = JSON.readTree(report);
        svg = new SvgDocument(SystemPicture.svg(report));
    }

    private static Set<String> pds(String role) {
        return svg.where("g", "data-role", role).stream().map(e -> e.getAttribute("data-pd")).collect(Collectors.toSet());
    }

    @Test
    void everyProtectionDomainAndMessageServerHasABox() {
        assertEquals(Set.of("Poukai.msg0"), pds("message-server"));
        assertEquals(Set.of("server"), pds("publisher"));
        assertEquals(Set.of("client"), pds("consumer"));
        List<String> domains = svg.regions("domain").stream().map(e -> e.getAttribute("data-name")).toList();
        assertEquals(List.of("Poukai.msg0", "server", "client"), domains);
    }

    @Test
    void eachChannelIsAnArrowPublisherToMessageServerToConsumerWithTheReportsBadges() {
        JsonNode publication = json.get("system").get("messageServers").get(0).get("protocols").get(0);
        Element publish = svg.where("g", "data-edge", "publish").get(0);
        assertEquals("server", publish.getAttribute("data-from"));
        assertEquals("Poukai.msg0", publish.getAttribute("data-to"));
        assertEquals(publication.get("protocol").asText(), publish.getAttribute("data-protocol"));
        assertEquals(publication.get("badge").asText(), publish.getAttribute("data-badge"));
        JsonNode route = json.get("system").get("routes").get(0);
        List<Element> routes = svg.where("g", "data-edge", "route");
        assertEquals(1, routes.size());
        assertEquals("Poukai.msg0", routes.get(0).getAttribute("data-from"));
        assertEquals("client", routes.get(0).getAttribute("data-to"));
        assertEquals(route.get("badge").asText(), routes.get(0).getAttribute("data-badge"));
        assertTrue(svg.text().contains("echo_protocol badge 1 slot 102"), svg.text());
        assertTrue(svg.text().contains("echo_protocol badge 2 via back-tier"), svg.text());
    }

    @Test
    void theMemoryBarCoversEveryProtectionDomainsShareAndTheTeardownIsWritten() {
        long drawn = svg.regions("physical").stream().filter(e -> !e.getAttribute("data-owner").isEmpty())
                .mapToLong(SvgDocument::size).sum();
        assertEquals(json.get("memory").get("totalBytes").asLong(), drawn);
        assertTrue(svg.text().contains("every byte went back to the untyped pool"));
        assertTrue(svg.text().contains("System: example compose on qemu-arm-virt"));
    }

    @Test
    void theSameReportGivesTheSameBytes() {
        assertEquals(SystemPicture.svg(report), SystemPicture.svg(report.clone()));
    }

    @Test
    void aHostileSystemAndProtocolNameStayText() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(report);
        ObjectNode system = (ObjectNode) tree.get("system");
        system.put("name", "</text><script>x()</script>");
        ((ObjectNode) system.get("messageServers").get(0).get("protocols").get(0)).put("protocol", "a\"b<c>&d");
        ((ObjectNode) system.get("routes").get(0)).put("protocol", "a\"b<c>&d");
        SvgDocument doc = new SvgDocument(SystemPicture.svg(JSON.writeValueAsBytes(tree)));
        assertEquals(0, doc.doc.getElementsByTagName("script").getLength());
        assertTrue(doc.text().contains("</text><script>x()</script>"));
        assertEquals("a\"b<c>&d", doc.where("g", "data-edge", "route").get(0).getAttribute("data-protocol"));
    }
}
