package io.huruhuru.validation.koskit;

import static io.huruhuru.validation.fixture.Expect.exactly;
import static io.huruhuru.validation.fixture.Expect.v;

import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.Violation;
import io.huruhuru.validation.fixture.TestImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecFileCheckerTest {

    private static final String PATH = "/share.spec.json";

    private static List<Violation> check(String json) {
        return check(json, TestImage.helloLabels());
    }

    private static List<Violation> check(String json, Map<String, String> labels) {
        AppSpec spec = LabelChecker.check(labels, List.of()).spec();
        return SpecFileChecker.check(json.getBytes(StandardCharsets.UTF_8), PATH, spec, spec.binary());
    }

    @Test
    void specMatchingTheLabelsPasses() {
        exactly(check(TestImage.SPEC_JSON));
    }

    @Test
    void protocolOrderDoesNotMatter() {
        Map<String, String> labels = TestImage.helloLabels();
        labels.put("com.koskit.app.spec.publishes", "a,b");

        exactly(check(TestImage.SPEC_JSON.replace("[\"hello_protocol\"]", "[\"b\",\"a\"]"), labels));
    }

    @Test
    void notJson() {
        exactly(check("{\"name\": "), v(RuleId.SPEC_INVALID_JSON, PATH, "a JSON object", "invalid JSON"));
    }

    @Test
    void jsonArrayInsteadOfObject() {
        exactly(check("[1]"), v(RuleId.SPEC_INVALID_JSON, PATH, "a JSON object", "array"));
    }

    @Test
    void duplicateKeysAreInvalidJson() {
        exactly(check("{\"name\":\"a\",\"name\":\"b\"}"), v(RuleId.SPEC_INVALID_JSON, PATH, "a JSON object",
                "invalid JSON"));
    }

    @Test
    void numberAsAStringIsATypeError() {
        exactly(check(TestImage.SPEC_JSON.replace("2560", "\"2560\"")),
                v(RuleId.SPEC_TYPE, PATH + "#/heap_pages", "an integer 0..4294967295", "\"2560\""));
    }

    @Test
    void priorityOutOfRangeIsATypeError() {
        exactly(check(TestImage.SPEC_JSON.replace("\"max_priority\":190", "\"max_priority\":300")),
                v(RuleId.SPEC_TYPE, PATH + "#/max_priority", "an integer 0..255", "300"));
    }

    @Test
    void eachDisagreementIsNamedWithBothValues() {
        String json = TestImage.SPEC_JSON.replace("\"name\":\"hello\"", "\"name\":\"bye\"")
                .replace("\"priority\":180", "\"priority\":100").replace("hello_protocol", "other");

        exactly(check(json),
                v(RuleId.SPEC_MISMATCH, "com.koskit.app.name", "hello", "bye"),
                v(RuleId.SPEC_MISMATCH, "com.koskit.app.spec.priority", "180", "100"),
                v(RuleId.SPEC_MISMATCH, "com.koskit.app.spec.publishes", "hello_protocol", "other"));
    }

    @Test
    void keyMissingFromTheSpecIsADisagreement() {
        exactly(check(TestImage.SPEC_JSON.replace(",\"ut_4k_pages\":24", "")),
                v(RuleId.SPEC_MISMATCH, "com.koskit.app.spec.ut_4k_pages", "24", "(absent)"));
    }

    @Test
    void unknownKeyIsAWarning() {
        exactly(check(TestImage.SPEC_JSON.replace("{", "{\"colour\":\"blue\",")),
                v(RuleId.SPEC_UNKNOWN_KEY, PATH + "#/colour",
                        "one of binary, heap_pages, max_priority, name, priority, publishes, ut_4k_pages, "
                                + "ut_large_page", "colour"));
    }

    @Test
    void publishesWhenTheLabelIsAbsent() {
        Map<String, String> labels = TestImage.helloLabels();
        labels.remove("com.koskit.app.spec.publishes");

        exactly(check(TestImage.SPEC_JSON, labels),
                v(RuleId.SPEC_MISMATCH, "com.koskit.app.spec.publishes", "(absent)", "hello_protocol"));
    }

    @Test
    void invalidLabelIsNotComparedAgain() {
        Map<String, String> labels = TestImage.helloLabels();
        labels.put("com.koskit.app.spec.heap_pages", "many");

        exactly(check(TestImage.SPEC_JSON, labels));
        exactly(SpecFileChecker.check(TestImage.SPEC_JSON.getBytes(StandardCharsets.UTF_8), PATH,
                LabelChecker.check(labels, List.of()).spec(), Optional.of("/bin/other")),
                v(RuleId.SPEC_MISMATCH, "com.koskit.app.binary.loopback", "/bin/other", "/bin/hello"));
    }
}
