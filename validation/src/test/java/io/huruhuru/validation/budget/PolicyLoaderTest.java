package io.huruhuru.validation.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    static final String POLICY = """
            platforms:
              odroid-c4:
                architecture: arm64
                stack_pages: 8
              nuc:
                architecture: amd64
            rules:
              - repositories: ["kos/**"]
                platform: odroid-c4
                mode: enforce
                limits:
                  heap_pages: 4096
                  ut_large_page: 8
                  ut_4k_pages: 64
                  memory: 64MiB
                  priority: 200
                  max_priority: 200
                  protocols: [hello_protocol, internet_protocol]
              - repositories: ["lab/*", "sandbox"]
                platform: nuc
                mode: warn
            """;

    @Test
    void readsPlatformsRulesLimitsAndModes() throws Exception {
        Policy policy = PolicyLoader.load(POLICY);

        PolicyRule kos = policy.ruleFor(RepositoryName.parse("kos/team/hello")).orElseThrow();
        assertEquals(Mode.ENFORCE, kos.mode());
        assertEquals(new TargetPlatform("odroid-c4", "arm64", 8), kos.platform().orElseThrow());
        assertEquals(4096, kos.limits().heapPages().getAsLong());
        assertEquals(64L << 20, kos.limits().memoryBytes().getAsLong());
        assertEquals(List.of("hello_protocol", "internet_protocol"), kos.limits().protocols().orElseThrow());
        PolicyRule lab = policy.ruleFor(RepositoryName.parse("lab/x")).orElseThrow();
        assertEquals(Mode.WARN, lab.mode());
        assertEquals(io.huruhuru.sel4.app.ApplicationDescription.DEFAULT_STACK_PAGES, lab.platform().orElseThrow().stackPages());
        assertEquals(Limits.NONE, lab.limits());
        assertTrue(policy.ruleFor(RepositoryName.parse("sandbox")).isPresent());
        assertFalse(policy.ruleFor(RepositoryName.parse("lab/x/y")).isPresent());
        assertFalse(policy.ruleFor(RepositoryName.parse("library/busybox")).isPresent());
    }

    @Test
    void signingIsEveryManifestUnlessARuleSaysOtherwise() throws Exception {
        Policy policy = PolicyLoader.load(POLICY + """
                  - repositories: ["ci/**"]
                    platform: nuc
                    sign: validated
                  - repositories: ["scratch/**"]
                    sign: none
                """);

        assertEquals(Signing.ALL, policy.signingFor(RepositoryName.parse("kos/team/hello")));
        assertEquals(Signing.ALL, policy.signingFor(RepositoryName.parse("library/busybox")));
        assertEquals(Signing.VALIDATED, policy.signingFor(RepositoryName.parse("ci/app")));
        assertEquals(Signing.NONE, policy.signingFor(RepositoryName.parse("scratch/x")));
        assertEquals(Signing.ALL, Policy.NONE.signingFor(RepositoryName.parse("scratch/x")));
    }

    @Test
    void aRuleWithoutPlatformOrLimitsSetsNoBudget() throws Exception {
        Policy policy = PolicyLoader.load("""
                rules:
                  - repositories: ["scratch/**"]
                    sign: none
                  - repositories: ["kos/**"]
                    limits: {heap_pages: 16}
                """);

        PolicyRule scratch = policy.ruleFor(RepositoryName.parse("scratch/x")).orElseThrow();
        assertTrue(scratch.platform().isEmpty());
        assertFalse(scratch.budgets());
        assertEquals(Mode.ENFORCE, scratch.mode());
        assertTrue(policy.ruleFor(RepositoryName.parse("kos/x")).orElseThrow().budgets());
    }

    @Test
    void anUnknownSigningChoiceIsRefusedByName() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load("""
                platforms: {nuc: {architecture: amd64}}
                rules:
                  - repositories: ["a"]
                    platform: nuc
                    sign: sometimes
                """));
        assertEquals("rules[0].sign: expected all, validated or none, found sometimes", e.getMessage());
    }

    @Test
    void emptyFileIsNoPolicy() throws Exception {
        assertEquals(Policy.NONE, PolicyLoader.load(""));
    }

    @Test
    void misspeltLimitIsRefusedWithItsPlace() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(
                POLICY.replace("heap_pages: 4096", "heap_page: 4096")));

        assertTrue(e.getMessage().startsWith("rules[0].limits: unknown key heap_page"), e.getMessage());
    }

    @Test
    void unknownPlatformIsRefused() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(
                POLICY.replace("platform: nuc", "platform: rpi4")));

        assertEquals("rules[1].platform: no platform named rpi4 under platforms", e.getMessage());
    }

    @Test
    void unknownModeIsRefused() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(
                POLICY.replace("mode: warn", "mode: audit")));

        assertEquals("rules[1].mode: expected enforce or warn, found audit", e.getMessage());
    }

    @Test
    void negativeLimitIsRefused() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(
                POLICY.replace("ut_4k_pages: 64", "ut_4k_pages: -1")));

        assertEquals("rules[0].limits.ut_4k_pages: expected an unsigned integer, found -1", e.getMessage());
    }

    @Test
    void unsupportedArchitectureIsRefused() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(
                POLICY.replace("architecture: amd64", "architecture: mips")));

        assertEquals("platforms.nuc.architecture: expected arm64 or amd64, found mips", e.getMessage());
    }

    @Test
    void invalidYamlIsRefused() {
        assertThrows(PolicyException.class, () -> PolicyLoader.load("rules: [unclosed"));
    }

    @Test
    void yamlTagsCannotConstructJavaObjects() {
        assertThrows(PolicyException.class, () -> PolicyLoader.load("rules: !!java.util.ArrayList []"));
    }

    @Test
    void sizesTakeBinaryUnits() throws Exception {
        assertEquals(1024, PolicyLoader.size("1KiB", "m"));
        assertEquals(3L << 30, PolicyLoader.size("3 GiB", "m"));
        assertEquals(4096, PolicyLoader.size(4096, "m"));
        assertThrows(PolicyException.class, () -> PolicyLoader.size("64MB", "m"));
        assertThrows(PolicyException.class, () -> PolicyLoader.size("9999999999999TiB", "m"));
    }

    @Test
    void repositoryGlobs() {
        assertTrue(RepositoryPattern.compile("kos/**").matches(RepositoryName.parse("kos/a/b/c")));
        assertFalse(RepositoryPattern.compile("kos/**").matches(RepositoryName.parse("kosmos/a")));
        assertTrue(RepositoryPattern.compile("kos/*").matches(RepositoryName.parse("kos/a")));
        assertFalse(RepositoryPattern.compile("kos/*").matches(RepositoryName.parse("kos/a/b")));
        assertTrue(RepositoryPattern.compile("**/apps/?").matches(RepositoryName.parse("x/y/apps/z")));
        assertTrue(RepositoryPattern.compile("**/apps/?").matches(RepositoryName.parse("apps/z")));
        assertFalse(RepositoryPattern.compile("a.b").matches(RepositoryName.parse("axb")));
    }
}
