package io.huruhuru.validation.report;

import io.huruhuru.validation.ValidationReport;
import java.util.Locale;
import java.util.Optional;

/** The forms a report is written in ({@code huruhuru validate --format}). */
public enum ReportFormat {
    TEXT("text/plain; charset=utf-8"),
    JSON("application/json"),
    JUNIT("application/xml"),
    SARIF("application/sarif+json");

    private final String contentType;

    ReportFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The report in this form, UTF-8; the same report always gives the same bytes. */
    public byte[] render(ValidationReport report) {
        return switch (this) {
            case TEXT -> TextReport.render(report);
            case JSON -> JsonReport.render(report);
            case JUNIT -> JunitReport.render(report);
            case SARIF -> SarifReport.render(report);
        };
    }

    /** {@code text}, {@code json}, {@code junit} or {@code sarif}. */
    public static Optional<ReportFormat> byName(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
