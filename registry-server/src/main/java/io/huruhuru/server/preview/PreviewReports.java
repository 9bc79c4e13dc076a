package io.huruhuru.server.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.storage.preview.PreviewId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Preview reports as JSON, and their ids. Every field is written in a fixed order and maps sorted, so the same
 * inputs give the same bytes; the id is the SHA-256 of the canonical inputs, so the same inputs give the same id.
 */
public final class PreviewReports {

    /**
     * The version of the model and of the mapping from images to applications that a report was made with: part of
     * every id, so that a registry running a changed model computes new reports instead of serving old ones. Raise it
     * whenever a change to {@code sel4-runtime-preview} or the image mapping can change a report's bytes.
     */
    public static final String MODEL_VERSION = "1";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private PreviewReports() {
    }

    /** How a preview ended: booted or not, and if not, at which step and why, in words a person can act on. */
    public record Outcome(boolean booted, String step, String code, String reason, List<String> notes,
            Digest application, BootReport boot) {

        /** How {@code boot} ended; {@code application}, the manifest booted, is null for a system. */
        public static Outcome of(Digest application, List<String> notes, BootReport boot) {
            BootReport.ErrorInfo error = boot.error();
            if (boot.booted() || error == null) {
                return new Outcome(boot.booted(), null, null, null, notes, application, boot);
            }
            String where = error.application() == null ? error.step() : error.application() + ": " + error.step();
            return new Outcome(false, where, error.code(), error.detail(), notes, application, boot);
        }

        static Outcome notBootable(String step, String reason) {
            return new Outcome(false, step, null, reason, List.of(), null, null);
        }

        /** The failure in one line, for an error message. */
        public String failure() {
            return booted ? "booted" : "step " + step + (code == null ? "" : " (" + code + ")") + ": " + reason;
        }
    }

    /** The id of a preview of one stored image. */
    static PreviewId imageId(RepositoryName repository, Digest manifest, String platform, PreviewProcess process) {
        ObjectNode inputs = CANONICAL.createObjectNode()
                .put("kind", "image")
                .put("model", MODEL_VERSION)
                .put("repository", repository.value())
                .put("manifest", manifest.toString())
                .put("platform", platform);
        process(inputs, process);
        return idOf(inputs);
    }

    /** The id of a system preview: the compose file's bytes and the manifest each of its images resolved to. */
    static PreviewId systemId(byte[] compose, String platform, Map<String, ResolvedImage> images) {
        ObjectNode inputs = CANONICAL.createObjectNode()
                .put("kind", "system")
                .put("model", MODEL_VERSION)
                .put("platform", platform)
                .put("compose", Digest.of(DigestAlgorithm.SHA256, compose).toString());
        ObjectNode resolved = inputs.putObject("images");
        images.forEach((text, image) -> resolved.put(text, image.repository() + "@" + image.manifest()));
        return idOf(inputs);
    }

    /** An {@code image:} value of a compose file, resolved to a stored manifest. */
    record ResolvedImage(RepositoryName repository, Digest manifest) {
    }

    static byte[] image(PreviewId id, RepositoryName repository, Digest manifest, String platform,
            PreviewProcess process, Outcome outcome) {
        ObjectNode report = JSON.createObjectNode()
                .put("id", id.value())
                .put("kind", "image")
                .put("modelVersion", MODEL_VERSION)
                .put("repository", repository.value())
                .put("manifest", manifest.toString())
                .put("platform", platform);
        process(report, process);
        return render(outcome(report, outcome));
    }

    static byte[] system(PreviewId id, String platform, Map<String, ResolvedImage> images, Outcome outcome) {
        ObjectNode report = JSON.createObjectNode()
                .put("id", id.value())
                .put("kind", "system")
                .put("modelVersion", MODEL_VERSION)
                .put("platform", platform);
        ArrayNode list = report.putArray("images");
        images.forEach((text, image) -> list.addObject().put("image", text)
                .put("repository", image.repository().value()).put("manifest", image.manifest().toString()));
        return render(outcome(report, outcome));
    }

    /**
     * The report of an image read outside the registry ({@code huruhuru preview}): named as the command line named it,
     * with no id, as nothing keeps it.
     */
    public static byte[] local(String image, Digest manifest, String platform, Outcome outcome) {
        ObjectNode report = JSON.createObjectNode()
                .put("kind", "image")
                .put("modelVersion", MODEL_VERSION)
                .put("image", image)
                .put("manifest", manifest.toString())
                .put("platform", platform);
        process(report, PreviewProcess.UNCHANGED);
        return render(outcome(report, outcome));
    }

    /** The report of a compose system read outside the registry, images as the compose file names them. */
    public static byte[] localSystem(String platform, Outcome outcome) {
        ObjectNode report = JSON.createObjectNode()
                .put("kind", "system")
                .put("modelVersion", MODEL_VERSION)
                .put("platform", platform);
        return render(outcome(report, outcome));
    }

    /** What a list shows of a report without reading it. */
    static byte[] summary(String kind, String platform, Outcome outcome) {
        ObjectNode summary = CANONICAL.createObjectNode().put("kind", kind).put("platform", platform)
                .put("result", outcome.booted() ? BootReport.BOOTED : BootReport.FAILED);
        if (!outcome.booted()) {
            summary.put("step", outcome.step());
        }
        return bytes(CANONICAL, summary);
    }

    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a kept summary is not JSON", e);
        }
    }

    private static ObjectNode outcome(ObjectNode report, Outcome outcome) {
        report.put("result", outcome.booted() ? BootReport.BOOTED : BootReport.FAILED);
        if (!outcome.booted()) {
            ObjectNode failure = report.putObject("failure").put("step", outcome.step());
            if (outcome.code() != null) {
                failure.put("code", outcome.code());
            }
            failure.put("reason", outcome.reason());
        }
        if (outcome.application() != null) {
            report.put("application", outcome.application().toString());
        }
        if (!outcome.notes().isEmpty()) {
            ArrayNode notes = report.putArray("notes");
            outcome.notes().forEach(notes::add);
        }
        if (outcome.boot() != null) {
            report.set("boot", JSON.valueToTree(outcome.boot()));
        }
        return report;
    }

    private static void process(ObjectNode node, PreviewProcess process) {
        process.args().ifPresent(args -> {
            ArrayNode list = node.putArray("args");
            args.forEach(list::add);
        });
        ObjectNode env = node.putObject("env");
        process.env().forEach(env::put);
    }

    private static PreviewId idOf(ObjectNode inputs) {
        return PreviewId.parse(Digest.of(DigestAlgorithm.SHA256, bytes(CANONICAL, inputs)).hex());
    }

    private static byte[] render(ObjectNode report) {
        byte[] json = bytes(JSON, report);
        byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    private static byte[] bytes(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a preview report could not be written as JSON", e);
        }
    }
}
