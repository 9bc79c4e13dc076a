package io.huruhuru.server.preview;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.sel4.picture.BootLog;
import io.huruhuru.sel4.picture.MemoryPicture;
import io.huruhuru.sel4.picture.SystemPicture;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.storage.preview.StoredPreview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A kept report in the form a request asks for: its JSON, the boot log, or its picture. */
enum PreviewRendering {
    JSON("application/json"),
    TEXT("text/plain; charset=utf-8"),
    SVG("image/svg+xml");

    final String contentType;

    PreviewRendering(String contentType) {
        this.contentType = contentType;
    }

    /** The {@code format} query parameter of {@code GET .../<id>}: absent or json, or text. */
    static PreviewRendering ofFormat(String format) {
        if (format == null || format.equals("json")) {
            return JSON;
        }
        if (format.equals("text")) {
            return TEXT;
        }
        throw RegistryException.withMessage(ErrorCode.REPORT_FORMAT_INVALID, "unknown preview format " + format
                + "; this registry renders json and text (and the picture at .../memory.svg)", format);
    }

    /**
     * The body for a kept preview. The model's report is the {@code boot} member of the kept one; the renderers refuse
     * bytes that are not a report, which a kept report always is, so a refusal means the kept bytes are unusable and
     * is answered as a preview that cannot be given, never as a 5xx.
     */
    byte[] render(StoredPreview preview) {
        if (this == JSON) {
            return preview.report();
        }
        try {
            JsonNode kept = PreviewReports.JSON.readTree(preview.report());
            JsonNode boot = kept == null ? null : kept.get("boot");
            if (boot == null || !boot.isObject()) {
                return this == TEXT ? notBooted(kept).getBytes(StandardCharsets.UTF_8) : nothingToDraw(preview, kept);
            }
            byte[] report = PreviewReports.JSON.writeValueAsBytes(boot);
            String body = this == TEXT ? header(kept) + BootLog.text(report)
                    : preview.kind().equals(ImagePreviews.SYSTEM) ? SystemPicture.svg(report)
                    : MemoryPicture.svg(report);
            return body.getBytes(StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw RegistryException.withMessage(ErrorCode.PREVIEW_UNKNOWN, "preview " + preview.id().value()
                    + " is kept but cannot be rendered as " + name().toLowerCase(Locale.ROOT),
                    String.valueOf(e.getMessage()));
        }
    }

    /** What the registry knows beyond the model's report: which manifests, and its notes (such as the index child). */
    private static String header(JsonNode kept) {
        String first = "preview " + kept.path("id").asText("") + ": " + kept.path("kind").asText("") + " on "
                + kept.path("platform").asText("") + (kept.hasNonNull("repository")
                ? ", " + kept.path("repository").asText() + "@" + kept.path("manifest").asText() : "");
        StringBuilder out = new StringBuilder(BootLog.plain(first)).append('\n');
        for (JsonNode image : kept.path("images")) {
            out.append(BootLog.plain("  image " + image.path("image").asText() + " = "
                    + image.path("repository").asText() + "@" + image.path("manifest").asText())).append('\n');
        }
        for (JsonNode note : kept.path("notes")) {
            out.append(BootLog.plain("  note: " + note.asText())).append('\n');
        }
        return out.append('\n').toString();
    }

    /** A preview that stopped before the model ran (no platform child, not an application): its failure in words. */
    private static String notBooted(JsonNode kept) {
        JsonNode failure = kept.path("failure");
        return header(kept) + BootLog.plain("failed at " + failure.path("step").asText("?") + ": "
                + failure.path("reason").asText("")) + "\nthe model booted nothing, so there is no step log or memory table\n";
    }

    private static byte[] nothingToDraw(StoredPreview preview, JsonNode kept) {
        JsonNode failure = kept == null ? null : kept.path("failure");
        throw RegistryException.withMessage(ErrorCode.PREVIEW_UNKNOWN, "preview " + preview.id().value()
                + " stopped before the model booted anything, so it has no memory to draw; ?format=text says why",
                failure == null ? "no report" : failure.path("step").asText("?") + ": "
                        + failure.path("reason").asText(""));
    }
}
