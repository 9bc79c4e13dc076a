package io.huruhuru.validation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.validation.ImageReport;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The SARIF 2.1.0 form of a report (OASIS sarifLog), for code-scanning UIs: one run whose driver lists every rule
 * in {@link RuleId} order, one result per violation. A rootfs path is a physical location relative to the
 * {@code ROOTFS} base; a label key, spec key or limit is a logical location.
 */
public final class SarifReport {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {
    }

    public static byte[] render(ValidationReport report) {
        ObjectNode log = JSON.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "huruhuru-validate");
        driver.put("organization", "Huruhuru");
        ArrayNode rules = driver.putArray("rules");
        for (RuleId rule : RuleId.values()) {
            ObjectNode r = rules.addObject();
            r.put("id", rule.id());
            r.putObject("shortDescription").put("text", rule.summary());
            r.putObject("defaultConfiguration").put("level", rule.severity().id());
        }
        run.putObject("originalUriBaseIds").putObject("ROOTFS").putObject("description")
                .put("text", "The root of the image's filesystem, all layers applied.");
        ArrayNode results = run.putArray("results");
        for (Violation v : report.violations()) {
            result(results.addObject(), v, report.digest(), Optional.empty());
        }
        for (ImageReport image : report.images()) {
            for (Violation v : image.violations()) {
                result(results.addObject(), v, image.digest(), image.platform());
            }
        }
        ObjectNode properties = run.putObject("properties");
        properties.put("repository", report.repository());
        properties.put("digest", report.digest());
        properties.put("passed", report.passed());
        properties.put("mode", report.mode().id());
        try {
            return JSON.writeValueAsBytes(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void result(ObjectNode result, Violation v, String image, Optional<String> platform) {
        result.put("ruleId", v.ruleId());
        result.put("ruleIndex", v.rule().ordinal());
        result.put("level", v.severity().id());
        result.putObject("message").put("text", v.message() + " (expected " + v.expected() + ", found " + v.found()
                + ")");
        ObjectNode location = result.putArray("locations").addObject();
        String where = v.where();
        Optional<String> uri = rootfsUri(where);
        if (uri.isPresent()) {
            location.putObject("physicalLocation").putObject("artifactLocation").put("uri", uri.get())
                    .put("uriBaseId", "ROOTFS");
        }
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        logical.put("name", where.isEmpty() ? image : where);
        logical.put("fullyQualifiedName", image + (where.isEmpty() ? "" : "/" + where));
        logical.put("kind", uri.isPresent() ? "resource" : "member");
        ObjectNode properties = result.putObject("properties");
        properties.put("expected", v.expected());
        properties.put("found", v.found());
        properties.put("image", image);
        platform.ifPresent(p -> properties.put("platform", p));
    }

    /** A relative URI reference for an absolute rootfs path ({@code /bin/hello} gives {@code bin/hello}). */
    private static Optional<String> rootfsUri(String where) {
        if (!where.startsWith("/")) {
            return Optional.empty();
        }
        String path = where.contains("#") ? where.substring(0, where.indexOf('#')) : where;
        try {
            String relative = path.substring(1);
            // a colon in the first segment would read as a URI scheme
            String firstSegment = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
            String encoded = new URI(null, null, (firstSegment.contains(":") ? "./" : "") + relative, null)
                    .toASCIIString();
            return Optional.of(encoded.isEmpty() ? "." : encoded);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
