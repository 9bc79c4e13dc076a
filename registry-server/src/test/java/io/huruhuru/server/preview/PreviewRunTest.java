package io.huruhuru.server.preview;

import static io.huruhuru.server.preview.Previews.BOARD;
import static io.huruhuru.server.preview.Previews.json;
import static io.huruhuru.server.preview.Previews.preview;
import static io.huruhuru.server.preview.Previews.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TalkImage;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A preview of a native image runs its application on the model within a budget the request may choose. */
class PreviewRunTest {

    private static final long DEFAULT_BUDGET = 5_000_000;
    private static final long MAX_BUDGET = 50_000_000;

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry()
            .configure(config -> config.withPreviewRuns(new RunBudget(DEFAULT_BUDGET, MAX_BUDGET)));

    @TempDir
    Path dir;

    private static String request(String image, String extra) {
        return "{\"image\":\"" + image + "\",\"platform\":\"" + BOARD + "\"" + extra + "}";
    }

    @Test
    void theTalksImageRunsAndTheReportShowsItsConsoleExitStatusAndSystemCalls() throws Exception {
        push(registry, "kos/talk", "1.0", TalkImage.build(dir));

        HttpResponse<byte[]> response = preview(registry, request("kos/talk:1.0", ""));

        assertEquals(201, response.statusCode(), () -> RunningRegistry.text(response));
        JsonNode run = json(response).path("boot").path("run");
        assertEquals("exited", run.path("result").asText(), run::toPrettyString);
        assertEquals(0, run.path("exitStatus").asInt());
        assertEquals(TalkImage.CONSOLE, run.path("console").asText());
        assertEquals(DEFAULT_BUDGET, run.path("budget").asLong());
        assertTrue(run.path("instructions").asLong() > 0 && run.path("systemCalls").has("write"),
                run::toPrettyString);
    }

    @Test
    void aBudgetTooSmallEndsTheRunAsBudgetExhaustedAndIsPartOfTheId() throws Exception {
        push(registry, "kos/talk", "1.0", TalkImage.build(dir));

        JsonNode small = json(preview(registry, request("kos/talk:1.0", ",\"budget\":1000")));
        JsonNode plain = json(preview(registry, request("kos/talk:1.0", "")));

        JsonNode run = small.path("boot").path("run");
        assertEquals("budgetExhausted", run.path("result").asText(), run::toPrettyString);
        assertEquals(1000, run.path("instructions").asLong());
        assertNotEquals(small.path("id"), plain.path("id"));
    }

    @Test
    void aBudgetAboveTheConfiguredMaximumIsPreviewInvalidNamingTheMaximum() {
        push(registry, "kos/hello", "1.0", TestImage.hello());

        JsonNode error = OciErrors.assertError(preview(registry, request("kos/hello:1.0",
                ",\"budget\":" + (MAX_BUDGET + 1))), 400, "PREVIEW_INVALID");

        assertTrue(error.path("message").asText().contains("maximum of " + MAX_BUDGET), error::toString);
    }

    @Test
    void aBudgetThatIsNoPositiveWholeNumberIsPreviewInvalid() {
        for (String budget : List.of("0", "-5", "1.5", "\"100\"", "true", "99999999999999999999999")) {
            OciErrors.assertError(preview(registry, request("kos/hello:1.0", ",\"budget\":" + budget)), 400,
                    "PREVIEW_INVALID");
        }
    }
}
