package io.huruhuru.server.preview;

import static io.huruhuru.server.preview.Previews.BOARD;
import static io.huruhuru.server.preview.Previews.json;
import static io.huruhuru.server.preview.Previews.preview;
import static io.huruhuru.server.preview.Previews.push;
import static io.huruhuru.server.preview.Previews.system;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TestImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A kept preview's picture ({@code memory.svg}) and boot log ({@code ?format=text}), drawn from the kept report. */
class PreviewPicturesTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    private static String request(String image) {
        return "{\"image\":\"" + image + "\",\"platform\":\"" + BOARD + "\"}";
    }

    private static Document xml(HttpResponse<byte[]> response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
    }

    private static List<Element> groups(Document doc, String attribute, String value) {
        NodeList all = doc.getElementsByTagNameNS("*", "g");
        List<Element> matching = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element g = (Element) all.item(i);
            if (g.getAttribute(attribute).equals(value)) {
                matching.add(g);
            }
        }
        return matching;
    }

    private static long number(String text) {
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
    }

    @Test
    void anImagePreviewsPictureDrawsEveryMappedRegionOfItsAddressSpaceAsTheReportHasIt() throws Exception {
        push(registry, "kos/hello", "1.0", TestImage.hello());
        HttpResponse<byte[]> created = preview(registry, request("kos/hello:1.0"));
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> picture = registry.get(location + "/memory.svg");

        assertEquals(200, picture.statusCode(), () -> RunningRegistry.text(picture));
        assertEquals("image/svg+xml", picture.headers().firstValue("Content-Type").orElseThrow());
        JsonNode app = json(created).path("boot").path("applications").get(0);
        List<Element> drawn = groups(xml(picture), "data-space", "virtual");
        assertTrue(app.path("addressSpace").size() > 0, app::toPrettyString);
        for (JsonNode region : app.path("addressSpace")) {
            long start = number(region.path("start").asText());
            long size = number(region.path("end").asText()) - start;
            assertTrue(drawn.stream().anyMatch(g -> g.getAttribute("data-name").contains(region.path("name").asText())
                            && number(g.getAttribute("data-start")) == start
                            && number(g.getAttribute("data-size")) == size),
                    () -> "no drawn region for " + region);
        }
        long taken = groups(xml(picture), "data-space", "physical").stream()
                .filter(g -> g.getAttribute("data-owner").equals(app.path("name").asText()))
                .mapToLong(g -> number(g.getAttribute("data-size"))).sum();
        assertEquals(app.path("memory").path("totalBytes").asLong(), taken, "the bytes drawn as the app's");
    }

    @Test
    void aSystemsPictureDrawsOneChannelPerPublicationAndRouteOfItsReport() throws Exception {
        push(registry, "kos/hello", "1.0", TestImage.hello());
        push(registry, "kos/other", "1.0", Previews.helloPublishing("other_protocol"));
        HttpResponse<byte[]> created = system(registry, BOARD,
                "services:\n  first:\n    image: kos/hello:1.0\n  second:\n    image: kos/other:1.0\n");
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> picture = registry.get(location + "/memory.svg");

        assertEquals(200, picture.statusCode(), () -> RunningRegistry.text(picture));
        assertEquals("image/svg+xml", picture.headers().firstValue("Content-Type").orElseThrow());
        Document doc = xml(picture);
        JsonNode graph = json(created).path("boot").path("system");
        List<String> published = new ArrayList<>();
        for (JsonNode server : graph.path("messageServers")) {
            for (JsonNode p : server.path("protocols")) {
                published.add(p.path("publisher").asText() + ">" + server.path("name").asText() + ":"
                        + p.path("protocol").asText() + "#" + p.path("badge").asText());
            }
        }
        List<String> drawn = groups(doc, "data-edge", "publish").stream().map(g -> g.getAttribute("data-from") + ">"
                + g.getAttribute("data-to") + ":" + g.getAttribute("data-protocol") + "#"
                + g.getAttribute("data-badge")).toList();
        assertEquals(2, published.size(), graph::toPrettyString);
        assertEquals(published, drawn);
        assertEquals(graph.path("routes").size(), groups(doc, "data-edge", "route").size());
    }

    @Test
    void theTextFormIsTheBootLogAndAFailedBootsLogGivesTheReasonAPersonCanActOn() {
        push(registry, "kos/big", "1.0", Previews.helloWithHeap(300_000));
        HttpResponse<byte[]> created = preview(registry, request("kos/big:1.0"));
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> text = registry.get(location + "?format=text");

        assertEquals(200, text.statusCode(), () -> RunningRegistry.text(text));
        assertEquals("text/plain; charset=utf-8", text.headers().firstValue("Content-Type").orElseThrow());
        String log = new String(text.body(), StandardCharsets.UTF_8);
        JsonNode error = json(created).path("boot").path("error");
        assertTrue(log.contains(error.path("detail").asText()), log);
        assertTrue(log.contains(error.path("code").asText()), log);
        assertTrue(log.contains(json(created).path("manifest").asText()), "the header names the manifest");
    }

    @Test
    void aSystemsTextFormGivesItsBootOrder() {
        push(registry, "kos/hello", "1.0", TestImage.hello());
        HttpResponse<byte[]> created = system(registry, BOARD, "services:\n  only:\n    image: kos/hello:1.0\n");
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> text = registry.get(location + "?format=text");

        assertEquals(200, text.statusCode(), () -> RunningRegistry.text(text));
        assertTrue(new String(text.body(), StandardCharsets.UTF_8).contains("boot order: only"),
                () -> RunningRegistry.text(text));
    }

    @Test
    void anUnknownFormatIsRefusedAndJsonIsTheReportItself() {
        push(registry, "kos/hello", "1.0", TestImage.hello());
        HttpResponse<byte[]> created = preview(registry, request("kos/hello:1.0"));
        String location = created.headers().firstValue("Location").orElseThrow();

        OciErrors.assertError(registry.get(location + "?format=svg"), 400, "REPORT_FORMAT_INVALID");
        OciErrors.assertError(registry.get(location + "?format="), 400, "REPORT_FORMAT_INVALID");
        OciErrors.assertError(registry.get("/sel4/v1/systems/" + location.substring(location.lastIndexOf('/') + 1)
                + "?format=text"), 404, "PREVIEW_UNKNOWN");
        assertEquals(new String(created.body(), StandardCharsets.UTF_8),
                RunningRegistry.text(registry.get(location + "?format=json")));
    }

    @Test
    void aPictureOfAnUnknownIdOrOfTheOtherKindIsNotFound() {
        push(registry, "kos/hello", "1.0", TestImage.hello());
        HttpResponse<byte[]> created = preview(registry, request("kos/hello:1.0"));
        String id = json(created).path("id").asText();

        OciErrors.assertError(registry.get("/sel4/v1/systems/" + id + "/memory.svg"), 404, "PREVIEW_UNKNOWN");
        OciErrors.assertError(registry.get("/sel4/v1/previews/" + "0".repeat(64) + "/memory.svg"), 404,
                "PREVIEW_UNKNOWN");
        OciErrors.assertError(registry.get("/sel4/v1/previews/not-an-id/memory.svg"), 404, "PREVIEW_UNKNOWN");
    }
}
