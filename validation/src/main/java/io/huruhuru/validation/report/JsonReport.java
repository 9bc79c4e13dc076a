package io.huruhuru.validation.report;

import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.sel4.app.Segment;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.validation.ImageFacts;
import io.huruhuru.validation.ImageReport;
import io.huruhuru.validation.LayerSummary;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON form of a {@link ValidationReport}: the registry's {@code detail} and {@code GET /sel4/v1/validations}
 * body, and {@code --format json}. Fields come in a fixed order; addresses are {@code 0x} hex strings.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static byte[] render(ValidationReport report) {
        try {
            return JSON.writeValueAsBytes(tree(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as a Jackson tree, for embedding (e.g. in an error's {@code detail}). */
    public static ObjectNode tree(ValidationReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("repository", report.repository());
        root.put("digest", report.digest());
        root.put("mediaType", report.mediaType());
        root.put("koskit", report.koskit());
        root.put("mode", report.mode().id());
        root.put("passed", report.passed());
        root.put("rejects", report.rejects());
        root.put("errors", report.errorCount());
        root.put("warnings", report.warningCount());
        report.policy().ifPresent(p -> {
            ObjectNode policy = root.putObject("policy");
            ArrayNode patterns = policy.putArray("repositories");
            p.repositories().forEach(patterns::add);
            p.platform().ifPresent(platform -> policy.put("platform", platform));
            p.architecture().ifPresent(architecture -> policy.put("architecture", architecture));
            policy.put("mode", p.mode().id());
        });
        violations(root.putArray("violations"), report.violations());
        ArrayNode images = root.putArray("images");
        for (ImageReport image : report.images()) {
            ObjectNode node = images.addObject();
            node.put("digest", image.digest());
            image.platform().ifPresent(p -> node.put("platform", p));
            node.put("koskit", image.koskit());
            node.put("passed", image.passed());
            image.facts().ifPresent(f -> facts(node.putObject("facts"), f));
            violations(node.putArray("violations"), image.violations());
        }
        return root;
    }

    private static void violations(ArrayNode array, List<Violation> violations) {
        for (Violation v : violations) {
            array.addObject().put("rule", v.ruleId()).put("severity", v.severity().id()).put("where", v.where())
                    .put("message", v.message()).put("expected", v.expected()).put("found", v.found());
        }
    }

    private static void facts(ObjectNode node, ImageFacts f) {
        node.put("architecture", f.architecture());
        node.put("os", f.os());
        f.appName().ifPresent(n -> node.put("app", n));
        f.binary().ifPresent(b -> node.put("binary", b));
        f.specPath().ifPresent(s -> node.put("spec", s));
        f.elf().ifPresent(e -> elf(node.putObject("elf"), e));
        f.memory().ifPresent(m -> memory(node.putObject("memory"), m));
        ArrayNode layers = node.putArray("layers");
        for (LayerSummary l : f.layers()) {
            ObjectNode layer = layers.addObject();
            layer.put("digest", l.digest().toString());
            layer.put("compression", l.compression());
            layer.put("entries", l.entries());
            layer.put("expandedBytes", l.expandedBytes());
            l.diffId().ifPresent(d -> layer.put("diffId", d.toString()));
        }
    }

    private static void elf(ObjectNode node, ElfHeaders e) {
        node.put("type", e.typeName());
        node.put("machine", e.machineName());
        node.put("entry", hex(e.entry()));
        node.put("programHeaders", e.programHeaderCount());
        node.put("interpreter", e.interpreter());
        ArrayNode segments = node.putArray("loadSegments");
        for (Segment s : e.loadSegments()) {
            segments.addObject().put("vaddr", hex(s.vaddr())).put("memsz", Long.toUnsignedString(s.memsz()))
                    .put("filesz", Long.toUnsignedString(s.filesz())).put("offset", hex(s.fileOffset()))
                    .put("flags", s.flagsText()).put("align", hex(s.align()));
        }
    }

    private static void memory(ObjectNode node, MemoryDemand m) {
        node.put("heapBytes", m.heapBytes());
        node.put("utLargeBytes", m.utLargeBytes());
        node.put("ut4kBytes", m.ut4kBytes());
        node.put("segmentBytes", m.segmentBytes());
        node.put("stackBytes", m.stackBytes());
        node.put("ipcBufferBytes", m.ipcBufferBytes());
        node.put("totalBytes", m.totalBytes());
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
