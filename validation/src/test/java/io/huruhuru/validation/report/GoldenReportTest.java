package io.huruhuru.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.oci.Digest;
import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.validation.AppliedPolicy;
import io.huruhuru.validation.ImageFacts;
import io.huruhuru.validation.ImageReport;
import io.huruhuru.validation.LayerSummary;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pins the rendered forms of one report, field by field, against golden files. */
class GoldenReportTest {

    private static ValidationReport report() {
        ImageFacts facts = new ImageFacts("arm64", "linux", Optional.of("hello"), Optional.of("/bin/hello"),
                Optional.of("/share.spec.json"), Optional.of(new ElfHeaders(3, 183, 0x1000, 64, 56, 2, true, false,
                        List.of(new Segment(0, 0x2000, 0x2000, 0, 5, 0x1000),
                                new Segment(0x12000, 0x3000, 0x1000, 0x2000, 6, 0x1000)))),
                Optional.of(new MemoryDemand(20480, 10485760, 65536, 4096, 8388608, 98304, 0, 19062784)),
                List.of(new LayerSummary(Digest.parse("sha256:" + "1".repeat(64)), "gzip", 3, 14336,
                        Optional.of(Digest.parse("sha256:" + "2".repeat(64))))));
        ImageReport image = new ImageReport("sha256:" + "3".repeat(64), Optional.of("linux/arm64"), true,
                Optional.of(facts), List.of(
                        RuleId.BUDGET_HEAP_PAGES.violation("com.koskit.app.spec.heap_pages",
                                "heap_pages 2560 is above the policy's limit of 2048 pages", "at most 2048", "2560"),
                        RuleId.ELF_SEGMENT_WX.violation("/bin/hello", "PT_LOAD #1 is both writable and executable",
                                "R-X or RW-", "RWX")));
        return new ValidationReport("kos/hello", "sha256:" + "4".repeat(64),
                "application/vnd.oci.image.index.v1+json", true, Mode.ENFORCE,
                Optional.of(new AppliedPolicy(List.of("kos/**"), Optional.of("odroid-c4"), Optional.of("arm64"),
                        Mode.ENFORCE)), List.of(image),
                List.of());
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = GoldenReportTest.class.getResourceAsStream("/reports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void json() throws IOException {
        assertEquals(golden("report.json"), new String(JsonReport.render(report()), StandardCharsets.UTF_8));
    }

    @Test
    void junit() throws IOException {
        assertEquals(golden("report.junit.xml"), new String(JunitReport.render(report()), StandardCharsets.UTF_8));
    }

    @Test
    void text() throws IOException {
        assertEquals(golden("report.txt"), new String(TextReport.render(report()), StandardCharsets.UTF_8));
    }
}
