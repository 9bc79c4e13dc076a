package io.huruhuru.validation.koskit;

import static io.huruhuru.validation.fixture.Expect.exactly;
import static io.huruhuru.validation.fixture.Expect.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.fixture.TestImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelCheckerTest {

    private static final String COUNT = "an unsigned decimal integer 0..4294967295";
    private static final String PRIORITY = "an unsigned decimal integer 0..255";

    private static LabelChecker.Result check(Map<String, String> labels) {
        return LabelChecker.check(labels, List.of());
    }

    private static Map<String, String> hello(String key, String value) {
        Map<String, String> labels = TestImage.helloLabels();
        if (value == null) {
            labels.remove(key);
        } else {
            labels.put(key, value);
        }
        return labels;
    }

    @Test
    void talkExampleLabelsAreValid() {
        LabelChecker.Result result = check(TestImage.helloLabels());

        exactly(result.violations());
        AppSpec spec = result.spec();
        assertEquals("hello", spec.name().orElseThrow());
        assertEquals(2560, spec.heapPages().getAsLong());
        assertEquals(180, spec.priority().getAsInt());
        assertEquals(List.of("hello_protocol"), spec.publishes().orElseThrow());
        assertFalse(spec.binaryFromEntrypoint());
    }

    @Test
    void requiredLabelMissing() {
        exactly(check(hello("com.koskit.app.spec.heap_pages", null)).violations(),
                v(RuleId.LABEL_REQUIRED, "com.koskit.app.spec.heap_pages", COUNT, "(absent)"));
    }

    @Test
    void countThatIsNotAnUnsignedInteger() {
        exactly(check(hello("com.koskit.app.spec.ut_4k_pages", "-24")).violations(),
                v(RuleId.LABEL_TYPE, "com.koskit.app.spec.ut_4k_pages", COUNT, "-24"));
    }

    @Test
    void countWithSpacesIsNotAnInteger() {
        exactly(check(hello("com.koskit.app.spec.ut_large_page", " 4")).violations(),
                v(RuleId.LABEL_TYPE, "com.koskit.app.spec.ut_large_page", COUNT, " 4"));
    }

    @Test
    void countAboveTwoToTheThirtyTwo() {
        exactly(check(hello("com.koskit.app.spec.heap_pages", "4294967296")).violations(),
                v(RuleId.LABEL_RANGE, "com.koskit.app.spec.heap_pages", COUNT, "4294967296"));
    }

    @Test
    void priorityAbove255() {
        exactly(check(hello("com.koskit.app.spec.max_priority", "256")).violations(),
                v(RuleId.LABEL_RANGE, "com.koskit.app.spec.max_priority", PRIORITY, "256"));
    }

    @Test
    void priorityAboveMaxPriority() {
        exactly(check(hello("com.koskit.app.spec.priority", "191")).violations(),
                v(RuleId.LABEL_PRIORITY_ORDER, "com.koskit.app.spec.priority",
                        "at most 190 (com.koskit.app.spec.max_priority)", "191"));
    }

    @Test
    void nameOutsideTheGrammar() {
        exactly(check(hello("com.koskit.app.name", "Hello World")).violations(),
                v(RuleId.LABEL_FORMAT, "com.koskit.app.name", "a name matching [a-z0-9][a-z0-9._-]{0,62}",
                        "Hello World"));
    }

    @Test
    void protocolOutsideTheGrammar() {
        exactly(check(hello("com.koskit.app.spec.publishes", "hello_protocol,,net")).violations(),
                v(RuleId.LABEL_FORMAT, "com.koskit.app.spec.publishes",
                        "comma-separated protocol names matching [a-z][a-z0-9_]{0,63}", "hello_protocol,,net"));
    }

    @Test
    void protocolListedTwice() {
        LabelChecker.Result result = check(hello("com.koskit.app.spec.publishes", "a, b ,a"));

        exactly(result.violations(), v(RuleId.LABEL_DUPLICATE_PROTOCOL, "com.koskit.app.spec.publishes",
                "each protocol once", "a, b ,a"));
        assertEquals(List.of("a", "b"), result.spec().publishes().orElseThrow());
    }

    @Test
    void specPathThatClimbsOutOfTheRootfs() {
        exactly(check(hello("com.koskit.app.spec", "/../etc/spec.json")).violations(),
                v(RuleId.LABEL_FORMAT, "com.koskit.app.spec", "an absolute path inside the rootfs",
                        "/../etc/spec.json"));
    }

    @Test
    void relativeBinaryPath() {
        exactly(check(hello("com.koskit.app.binary.loopback", "bin/hello")).violations(),
                v(RuleId.LABEL_FORMAT, "com.koskit.app.binary.loopback", "an absolute path inside the rootfs",
                        "bin/hello"));
    }

    @Test
    void unknownKeyWithADidYouMean() {
        LabelChecker.Result result = check(hello("com.koskit.app.spec.heap_page", "1"));

        exactly(result.violations(), v(RuleId.LABEL_UNKNOWN, "com.koskit.app.spec.heap_page",
                "com.koskit.app.spec.heap_pages", "com.koskit.app.spec.heap_page"));
        assertTrue(result.violations().get(0).message().contains("did you mean com.koskit.app.spec.heap_pages?"));
    }

    @Test
    void upperCaseKeyFromTheTalkIsUnknownAndSuggested() {
        exactly(check(hello("COM.KOSKIT.app.spec.publishes", "nerro_protocor")).violations(),
                v(RuleId.LABEL_UNKNOWN, "COM.KOSKIT.app.spec.publishes", "com.koskit.app.spec.publishes",
                        "COM.KOSKIT.app.spec.publishes"));
    }

    @Test
    void unknownKeyFarFromAnyKnownKeyHasNoSuggestion() {
        exactly(check(hello("com.koskit.vendor.colour", "blue")).violations(),
                v(RuleId.LABEL_UNKNOWN, "com.koskit.vendor.colour", "a koskit key", "com.koskit.vendor.colour"));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        Map<String, String> labels = TestImage.helloLabels();
        labels.remove("com.koskit.app.name");
        labels.put("com.koskit.app.spec.priority", "x");
        labels.put("com.koskit.app.spec.max_priority", "999");

        exactly(check(labels).violations(),
                v(RuleId.LABEL_REQUIRED, "com.koskit.app.name", "a name matching [a-z0-9][a-z0-9._-]{0,62}",
                        "(absent)"),
                v(RuleId.LABEL_TYPE, "com.koskit.app.spec.priority", PRIORITY, "x"),
                v(RuleId.LABEL_RANGE, "com.koskit.app.spec.max_priority", PRIORITY, "999"));
    }

    @Test
    void imageWithOnlyForeignLabelsIsNotKoskit() {
        assertFalse(LabelChecker.isKoskitImage(Map.of("org.opencontainers.image.title", "x")));
        assertTrue(LabelChecker.isKoskitImage(Map.of("Com.Koskit.anything", "x")));
    }

    @Test
    void suggestionDistanceIsLevenshtein() {
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("", ""));
    }
}
