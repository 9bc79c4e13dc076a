package io.huruhuru.validation.report;

import io.huruhuru.validation.ImageReport;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.Violation;
import java.nio.charset.StandardCharsets;

/** A report for people at a terminal: one line per violation, then a verdict. */
public final class TextReport {

    private TextReport() {
    }

    public static byte[] render(ValidationReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.repository()).append('@').append(report.digest()).append(" (").append(report.mediaType())
                .append(")\n");
        report.violations().forEach(v -> out.append("  ").append(line(v)).append('\n'));
        for (ImageReport image : report.images()) {
            out.append("image ").append(image.digest()).append(image.platform().map(p -> " " + p).orElse(""));
            if (!image.koskit()) {
                out.append(": no com.koskit labels, not checked\n");
                continue;
            }
            out.append(image.passed() ? ": passed\n" : ": failed\n");
            image.violations().forEach(v -> out.append("  ").append(line(v)).append('\n'));
        }
        out.append(report.passed() ? "PASSED" : "FAILED").append(": ").append(report.errorCount())
                .append(" error(s), ").append(report.warningCount()).append(" warning(s), mode ")
                .append(report.mode().id()).append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code error label.range com.koskit.app.spec.priority: message (expected ..., found ...)}. */
    static String line(Violation v) {
        return v.severity().id() + " " + v.ruleId() + " " + v.where() + ": " + v.message() + " (expected "
                + v.expected() + ", found " + v.found() + ")";
    }
}
