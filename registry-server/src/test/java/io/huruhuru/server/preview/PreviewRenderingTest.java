package io.huruhuru.server.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.storage.preview.PreviewId;
import io.huruhuru.storage.preview.PreviewSubject;
import io.huruhuru.storage.preview.StoredPreview;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kept bytes the renderers refuse are answered as a preview that cannot be given, never as a server error. */
class PreviewRenderingTest {

    private static StoredPreview kept(String report) {
        return new StoredPreview(PreviewId.parse("a".repeat(64)), ImagePreviews.IMAGE,
                List.of(new PreviewSubject(RepositoryName.parse("kos/hello"), Digest.parse("sha256:" + "b".repeat(64)))),
                "{}".getBytes(StandardCharsets.UTF_8), report.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keptBytesThatAreNotJsonCannotBeDrawnAndAreRefusedAsUnknown() {
        for (PreviewRendering rendering : List.of(PreviewRendering.SVG, PreviewRendering.TEXT)) {
            RegistryException refused = assertThrows(RegistryException.class,
                    () -> rendering.render(kept("{\"boot\": [not json")));
            assertEquals(ErrorCode.PREVIEW_UNKNOWN, refused.code());
        }
    }

    @Test
    void aBootMemberThatIsNotABootReportIsRefusedByThePictureAsUnknown() {
        RegistryException refused = assertThrows(RegistryException.class,
                () -> PreviewRendering.SVG.render(kept("{\"boot\": {\"platform\": 7}}")));
        assertEquals(ErrorCode.PREVIEW_UNKNOWN, refused.code());
        assertTrue(String.valueOf(refused.detail()).contains("not a boot report"), String.valueOf(refused.detail()));
    }

    @Test
    void aPreviewThatStoppedBeforeTheModelHasNoPictureButItsTextSaysWhy() {
        StoredPreview stopped = kept("{\"id\":\"" + "a".repeat(64) + "\",\"kind\":\"image\",\"platform\":\"pc99\","
                + "\"result\":\"failed\",\"failure\":{\"step\":\"platform\",\"reason\":\"no child for x86_64\\nforged\"}}");

        assertEquals(ErrorCode.PREVIEW_UNKNOWN,
                assertThrows(RegistryException.class, () -> PreviewRendering.SVG.render(stopped)).code());
        String text = new String(PreviewRendering.TEXT.render(stopped), StandardCharsets.UTF_8);
        assertTrue(text.contains("failed at platform: no child for x86_64\\u000aforged"), text);
    }

    @Test
    void onlyJsonAndTextAreFormatsOfTheReport() {
        assertEquals(PreviewRendering.JSON, PreviewRendering.ofFormat(null));
        assertEquals(PreviewRendering.JSON, PreviewRendering.ofFormat("json"));
        assertEquals(PreviewRendering.TEXT, PreviewRendering.ofFormat("text"));
        for (String other : List.of("svg", "", "TEXT", "json ")) {
            assertEquals(ErrorCode.REPORT_FORMAT_INVALID,
                    assertThrows(RegistryException.class, () -> PreviewRendering.ofFormat(other)).code());
        }
    }
}
