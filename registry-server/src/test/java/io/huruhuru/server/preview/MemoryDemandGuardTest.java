package io.huruhuru.server.preview;

import static io.huruhuru.server.preview.Previews.BOARD;
import static io.huruhuru.server.preview.Previews.json;
import static io.huruhuru.server.preview.Previews.preview;
import static io.huruhuru.server.preview.Previews.push;
import static io.huruhuru.server.preview.Previews.system;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A memory demand larger than the board's RAM is refused before the model builds anything for it. */
class MemoryDemandGuardTest {

    /** The largest heap the labels accept: 8 TiB, which once made the model box one Long per page. */
    static final long HUGE_HEAP = Integer.MAX_VALUE;

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void aPreviewOfAnImageAskingForMoreThanTheBoardsRamFailsAtTheMemoryStepQuickly() {
        push(registry, "kos/huge", "1.0", Previews.helloWithHeap(HUGE_HEAP));

        HttpResponse<byte[]> response = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> preview(registry,
                "{\"image\":\"kos/huge:1.0\",\"platform\":\"" + BOARD + "\"}"));

        assertEquals(201, response.statusCode(), () -> RunningRegistry.text(response));
        JsonNode failure = json(response).path("failure");
        assertEquals("failed", json(response).path("result").asText());
        assertEquals(ImageBoot.MEMORY_STEP, failure.path("step").asText(), failure::toPrettyString);
        String reason = failure.path("reason").asText();
        assertTrue(reason.contains(BOARD) && reason.contains("heap_pages") && reason.contains("RAM"), reason);
    }

    @Test
    void aSystemWithAServiceAskingForMoreThanTheBoardsRamFailsNamingThatService() {
        push(registry, "kos/huge", "1.0", Previews.helloWithHeap(HUGE_HEAP));

        HttpResponse<byte[]> response = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> system(registry,
                BOARD, "services:\n  big:\n    image: kos/huge:1.0\n"));

        assertEquals(201, response.statusCode(), () -> RunningRegistry.text(response));
        JsonNode failure = json(response).path("failure");
        assertTrue(failure.path("step").asText().contains("big"), failure::toPrettyString);
        assertTrue(failure.path("reason").asText().contains("RAM"), failure::toPrettyString);
    }
}
