package io.huruhuru.validation;

import static io.huruhuru.validation.fixture.Expect.exactly;
import static io.huruhuru.validation.fixture.Expect.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.validation.budget.Mode;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.budget.PolicyLoader;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetValidationTest {

    private static final RepositoryName KOS_HELLO = RepositoryName.parse("kos/hello");

    /**
     * The hello image needs 2560*4 KiB + 4*2 MiB + 24*4 KiB + 5*4 KiB segments + 8*4 KiB stack + one 4 KiB IPC
     * buffer = 19030016 bytes.
     */
    private static final long HELLO_TOTAL = 2560L * 4096 + 4L * (2 << 20) + (24 + 5 + 8 + 1) * 4096L;

    private static Policy policy(String limits, String mode) throws Exception {
        return PolicyLoader.load("""
                platforms:
                  odroid-c4: {architecture: arm64, stack_pages: 8}
                rules:
                  - repositories: ["kos/**"]
                    platform: odroid-c4
                    mode: %s
                    limits: {%s}
                """.formatted(mode, limits));
    }

    private static ValidationReport validate(TestImage image, String limits) throws Exception {
        return new ImageValidator().validate(image.source(), policy(limits, "enforce"), KOS_HELLO);
    }

    @Test
    void imageWithinEveryLimitPasses() throws Exception {
        ValidationReport report = validate(TestImage.hello(), "heap_pages: 2560, ut_large_page: 4, ut_4k_pages: 24, "
                + "memory: " + HELLO_TOTAL + ", priority: 180, max_priority: 190, protocols: [hello_protocol]");

        assertTrue(report.passed(), report.allViolations()::toString);
        assertEquals("odroid-c4", report.policy().orElseThrow().platform().orElseThrow());
        assertEquals(HELLO_TOTAL, report.images().get(0).facts().orElseThrow().memory().orElseThrow().totalBytes());
    }

    @Test
    void heapPagesAboveTheLimit() throws Exception {
        exactly(validate(TestImage.hello(), "heap_pages: 2559").images().get(0).violations(),
                v(RuleId.BUDGET_HEAP_PAGES, "com.koskit.app.spec.heap_pages", "at most 2559", "2560"));
    }

    @Test
    void largeUntypedsAboveTheLimit() throws Exception {
        exactly(validate(TestImage.hello(), "ut_large_page: 2").images().get(0).violations(),
                v(RuleId.BUDGET_UT_LARGE_PAGE, "com.koskit.app.spec.ut_large_page", "at most 2", "4"));
    }

    @Test
    void smallUntypedsAboveTheLimit() throws Exception {
        exactly(validate(TestImage.hello(), "ut_4k_pages: 0").images().get(0).violations(),
                v(RuleId.BUDGET_UT_4K_PAGES, "com.koskit.app.spec.ut_4k_pages", "at most 0", "24"));
    }

    @Test
    void totalMemoryAboveTheLimit() throws Exception {
        exactly(validate(TestImage.hello(), "memory: " + (HELLO_TOTAL - 1)).images().get(0).violations(),
                v(RuleId.BUDGET_MEMORY, "memory", "at most " + (HELLO_TOTAL - 1) + " bytes", HELLO_TOTAL + " bytes"));
    }

    @Test
    void priorityAboveTheLimit() throws Exception {
        exactly(validate(TestImage.hello(), "priority: 100").images().get(0).violations(),
                v(RuleId.BUDGET_PRIORITY, "com.koskit.app.spec.priority", "at most 100", "180"));
    }

    @Test
    void maxPriorityAboveTheLimit() throws Exception {
        exactly(validate(TestImage.hello(), "max_priority: 189").images().get(0).violations(),
                v(RuleId.BUDGET_MAX_PRIORITY, "com.koskit.app.spec.max_priority", "at most 189", "190"));
    }

    @Test
    void protocolNotAllowed() throws Exception {
        exactly(validate(TestImage.hello(), "protocols: [internet_protocol]").images().get(0).violations(),
                v(RuleId.BUDGET_PROTOCOL, "com.koskit.app.spec.publishes", "one of internet_protocol",
                        "hello_protocol"));
    }

    @Test
    void imageForAnotherArchitectureThanThePlatform() throws Exception {
        TestImage amd64 = TestImage.hello().architecture("amd64").layers(TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().machine(ElfBuilder.EM_X86_64).build(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());

        exactly(validate(amd64, "").images().get(0).violations(),
                v(RuleId.BUDGET_PLATFORM, "architecture", "arm64", "amd64"));
    }

    @Test
    void warnModeKeepsViolationsButDoesNotReject() throws Exception {
        ValidationReport report = new ImageValidator().validate(TestImage.hello().source(),
                policy("heap_pages: 1", "warn"), KOS_HELLO);

        assertEquals(Mode.WARN, report.mode());
        assertFalse(report.passed());
        assertFalse(report.rejects());
    }

    @Test
    void unnamedImageHasNoBudgetIsLabelledAsGivenAndIsStillChecked() throws Exception {
        ValidationReport report = new ImageValidator().validateUnnamed(TestImage.hello().label(
                "com.koskit.app.spec.priority", "300").source(), "hello.tar", Optional.empty());

        assertEquals("hello.tar", report.repository());
        assertTrue(report.policy().isEmpty());
        assertEquals(Mode.ENFORCE, report.mode());
        assertTrue(report.rejects());
        assertEquals(RuleId.LABEL_RANGE, report.allViolations().get(0).rule());
    }

    @Test
    void repositoryOutsideThePolicyHasNoBudgetButIsStillChecked() throws Exception {
        ValidationReport report = new ImageValidator().validate(TestImage.hello().label("com.koskit.app.spec.priority",
                "300").source(), policy("heap_pages: 1", "warn"), RepositoryName.parse("other/hello"));

        assertTrue(report.policy().isEmpty());
        assertEquals(Mode.ENFORCE, report.mode());
        assertTrue(report.rejects());
        assertEquals(RuleId.LABEL_RANGE, report.allViolations().get(0).rule());
    }

    @Test
    void indexBudgetsOnlyThePlatformsImageAndNeedsOne() throws Exception {
        TestImage amd64 = TestImage.hello().architecture("amd64").layers(TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().machine(ElfBuilder.EM_X86_64).build(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());
        Map<String, TestImage> both = new LinkedHashMap<>();
        both.put("arm64", TestImage.hello());
        both.put("amd64", amd64);
        Map<String, TestImage> onlyAmd64 = Map.of("amd64", amd64);

        ValidationReport mixed = new ImageValidator().validate(TestImage.index(both), policy("heap_pages: 1",
                "enforce"), KOS_HELLO);
        ValidationReport foreign = new ImageValidator().validate(TestImage.index(onlyAmd64), policy("heap_pages: 1",
                "enforce"), KOS_HELLO);

        exactly(mixed.images().get(0).violations(),
                v(RuleId.BUDGET_HEAP_PAGES, "com.koskit.app.spec.heap_pages", "at most 1", "2560"));
        exactly(mixed.images().get(1).violations());
        exactly(foreign.violations(), v(RuleId.BUDGET_PLATFORM, "architecture", "arm64", "amd64"));
    }
}
