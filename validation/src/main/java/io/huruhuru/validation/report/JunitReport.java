package io.huruhuru.validation.report;

import io.huruhuru.validation.ImageReport;
import io.huruhuru.validation.Severity;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JUnit XML form of a report, as CI systems (GitLab, Jenkins, GitHub actions) read it: one test suite for
 * the manifest and one per image, one test case per check category; a category with errors fails, warnings go
 * to its {@code system-out}; an image without koskit labels is a skipped case.
 */
public final class JunitReport {

    /** The categories in the order checks run; each is a test case. */
    static final List<String> CATEGORIES = List.of("config", "label", "layer", "rootfs", "spec", "elf", "budget");

    private JunitReport() {
    }

    public static byte[] render(ValidationReport report) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        Suite manifest = suite(report.repository() + "@" + report.digest(), report,
                List.of("manifest", "index", "budget"), report.violations(), false);
        suites.append(manifest.xml);
        tests += manifest.tests;
        failures += manifest.failures;
        for (ImageReport image : report.images()) {
            String name = report.repository() + "@" + image.digest() + image.platform().map(p -> " " + p).orElse("");
            Suite s = suite(name, report, CATEGORIES, image.violations(), !image.koskit());
            suites.append(s.xml);
            tests += s.tests;
            failures += s.failures;
            skipped += s.skipped;
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"huruhuru validate\" tests=\"" + tests + "\" failures=\"" + failures
                + "\" errors=\"0\" skipped=\"" + skipped + "\">\n" + suites + "</testsuites>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private record Suite(String xml, int tests, int failures, int skipped) {
    }

    private static Suite suite(String name, ValidationReport report, List<String> categories,
            List<Violation> violations, boolean notKoskit) {
        StringBuilder cases = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        String className = "huruhuru.validate." + report.repository();
        if (notKoskit) {
            cases.append("    <testcase classname=\"").append(Xml.escape(className)).append("\" name=\"koskit\">\n")
                    .append("      <skipped message=\"the image has no com.koskit labels\"/>\n")
                    .append("    </testcase>\n");
            tests++;
            skipped++;
        }
        for (String category : categories) {
            List<Violation> mine = violations.stream().filter(v -> v.rule().category().equals(category)).toList();
            if (notKoskit && mine.isEmpty()) {
                continue;
            }
            tests++;
            List<Violation> errors = mine.stream().filter(v -> v.severity() == Severity.ERROR).toList();
            List<Violation> warnings = mine.stream().filter(v -> v.severity() == Severity.WARNING).toList();
            cases.append("    <testcase classname=\"").append(Xml.escape(className)).append("\" name=\"")
                    .append(category).append('"');
            if (errors.isEmpty() && warnings.isEmpty()) {
                cases.append("/>\n");
                continue;
            }
            cases.append(">\n");
            if (!errors.isEmpty()) {
                failures++;
                Violation first = errors.get(0);
                cases.append("      <failure message=\"").append(Xml.escape(errors.size() + " violation"
                        + (errors.size() == 1 ? "" : "s") + ": " + first.message())).append("\" type=\"")
                        .append(Xml.escape(first.ruleId())).append("\">").append(Xml.escape(lines(errors)))
                        .append("</failure>\n");
            }
            if (!warnings.isEmpty()) {
                cases.append("      <system-out>").append(Xml.escape(lines(warnings))).append("</system-out>\n");
            }
            cases.append("    </testcase>\n");
        }
        String xml = "  <testsuite name=\"" + Xml.escape(name) + "\" tests=\"" + tests + "\" failures=\"" + failures
                + "\" errors=\"0\" skipped=\"" + skipped + "\">\n" + cases + "  </testsuite>\n";
        return new Suite(xml, tests, failures, skipped);
    }

    private static String lines(List<Violation> violations) {
        StringBuilder out = new StringBuilder();
        for (Violation v : violations) {
            out.append(TextReport.line(v)).append('\n');
        }
        return out.toString();
    }
}
