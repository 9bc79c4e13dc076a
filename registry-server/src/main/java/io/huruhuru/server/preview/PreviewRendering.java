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
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A preview report in the form a request asks for: its JSON, the boot log, or its picture. */
public enum PreviewRendering {
    JSON("application/json"),
    TEXT("text/plain; charset=utf-8"),
    SVG("image/svg+xml");

    /** The Content-Type of a body in this form. */
    public final String contentType;

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

    /** A form by its name as {@code huruhuru preview --format} takes it: json, text or svg. */
    public static Optional<PreviewRendering> named(String name) {
        return Arrays.stream(values()).filter(r -> r.name().toLowerCase(Locale.ROOT).equals(name)).findFirst();
    }

    /**
     * The body for a kept preview. The renderers refuse bytes that are not a report, which a kept report always is,
     * so a refusal means the kept bytes are unusable and is answered as a preview that cannot be given, never as a
     * 5xx; so is the picture of a preview that stopped before the model booted anything.
     */
    byte[] render(StoredPreview preview) {
        try {
            return render(preview.report(), preview.kind().equals(ImagePreviews.SYSTEM));
        } catch (IllegalArgumentException e) {
            throw RegistryException.withMessage(ErrorCode.PREVIEW_UNKNOWN, "preview " + preview.id().value()
                    + " cannot be rendered as " + name().toLowerCase(Locale.ROOT) + "; ?format=json gives its report",
                    String.valueOf(e.getMessage()));
        }
    }

    /**
     * A preview report (as {@link PreviewReports} writes it) in this form; the model's own report is its {@code boot}
     * member. Refuses, with the reason, bytes that are not a report and the picture of one without a boot.
     */
    public byte[] render(byte[] report, boolean system) {
        if (this == JSON) {
            return report;
        }
        JsonNode kept;
        byte[] boot;
        try {
            kept = PreviewReports.JSON.readTree(report);
            if (kept == null || !kept.isObject()) {
                throw new IllegalArgumentException("not a preview report: a JSON object is expected");
            }
            JsonNode member = kept.get("boot");
            boot = member != null && member.isObject() ? PreviewReports.JSON.writeValueAsBytes(member) : null;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a preview report: " + e.getMessage(), e);
        }
        if (boot == null && this == SVG) {
            JsonNode failure = kept.path("failure");
            throw new IllegalArgumentException("the preview stopped before the model booted anything, so there is no "
                    + "memory to draw: " + failure.path("step").asText("?") + ": " + failure.path("reason").asText(""));
        }
        String body = this == TEXT ? (boot == null ? notBooted(kept) : header(kept) + BootLog.text(boot))
                : system ? SystemPicture.svg(boot) : MemoryPicture.svg(boot);
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** What the registry knows beyond the model's report: which manifests, and its notes (such as the index child). */
    private static String header(JsonNode kept) {
        String what = kept.hasNonNull("repository")
                ? ", " + kept.path("repository").asText() + "@" + kept.path("manifest").asText()
                : kept.hasNonNull("image") ? ", " + kept.path("image").asText() : "";
        String first = "preview" + (kept.hasNonNull("id") ? " " + kept.path("id").asText() : "") + ": "
                + kept.path("kind").asText("") + " on " + kept.path("platform").asText("") + what;
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
                + failure.path("reason").asText("")) + "\nthe model booted nothing, so there is no step log or memory "
                + "table\n";
    }
}
