package io.huruhuru.server.gc;

import static io.huruhuru.server.gc.PushedImage.collect;
import static io.huruhuru.server.gc.PushedImage.removals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.RunningRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A retention rule's dry run lists the tags and manifests that would go and why; the real run removes them. */
class RetentionDryRunTest {

    private static final String POLICY = """
            rules:
              - name: ci-keep-one
                repositories: "ci/**"
                keepTags: ["release-.*"]
                keepLast: 1
                deleteUntaggedAfter: 0s
            """;

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned().withGc(Duration.ZERO, POLICY);

    private void pushSeries(String repository) throws InterruptedException {
        PushedImage.push(registry, repository, 10, 100, "release-1");
        for (int i = 1; i <= 3; i++) {
            Thread.sleep(20); // pushes a few milliseconds apart, so that "the last one" is the one pushed last
            PushedImage.push(registry, repository, 10 + i + repository.length() * 100, 100, "b" + i);
        }
    }

    @Test
    void aDryRunListsTheTagsPastTheLastOneWithTheirRuleAndKeepsThem() throws Exception {
        pushSeries("ci/app");
        pushSeries("other/app");

        JsonNode report = collect(registry, true);
        System.out.println("retention dry run: " + report.get("removals").toPrettyString());

        for (String gone : new String[] {"b1", "b2"}) {
            var listed = removals(report, "TAG", gone);
            assertEquals(1, listed.size(), () -> gone + " in " + report);
            assertEquals("ci/app", listed.get(0).get("repository").asText());
            assertFalse(listed.get(0).get("reason").asText().isBlank());
            assertEquals(200, registry.get("/v2/ci/app/manifests/" + gone).statusCode());
        }
        assertTrue(removals(report, "TAG", "b3").isEmpty(), report::toString);
        assertTrue(removals(report, "TAG", "release-1").isEmpty(), report::toString);
        report.get("removals").forEach(removal -> assertFalse(
                removal.path("repository").asText().equals("other/app"), () -> "no rule covers other/app: " + removal));
    }

    @Test
    void theRealRunRemovesWhatTheDryRunListed() throws Exception {
        pushSeries("ci/app");

        collect(registry, false);

        assertEquals(404, registry.get("/v2/ci/app/manifests/b1").statusCode());
        assertEquals(404, registry.get("/v2/ci/app/manifests/b2").statusCode());
        assertEquals(200, registry.get("/v2/ci/app/manifests/b3").statusCode());
        assertEquals(200, registry.get("/v2/ci/app/manifests/release-1").statusCode());
    }

    @Test
    void anUntaggedManifestIsListedWhenTheRuleDeletesUntaggedOnes() {
        PushedImage untagged = PushedImage.push(registry, "ci/app", 99, 100, null);

        JsonNode report = collect(registry, true);

        assertEquals(1, removals(report, "MANIFEST", untagged.digest()).size(), report::toString);
    }
}
