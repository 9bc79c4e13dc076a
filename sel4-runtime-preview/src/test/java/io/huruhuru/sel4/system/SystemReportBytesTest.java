package io.huruhuru.sel4.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.boot.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * System reports pinned by their SHA-256, taken before the model's hash tables were made to spread size-aligned
 * addresses: work on the model's speed must not change a byte of what a report says. A change that is meant to
 * change reports updates these digests (and {@code PreviewReports.MODEL_VERSION} in the registry).
 */
class SystemReportBytesTest {

    @TempDir
    Path dir;

    /** n services, each publishing a protocol of its own and consuming its predecessor's. */
    private static String chain(int n) {
        StringBuilder yaml = new StringBuilder("name: chain\nservices:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("  svc").append(i).append(":\n    image: svc").append(i).append(".json\n");
        }
        return yaml.toString();
    }

    private String reportSha256(String yaml, int services) throws Exception {
        SystemFixture fixture = new SystemFixture(dir);
        fixture.talkApps();
        for (int i = 0; i < services; i++) {
            fixture.app("svc" + i + ".json", "svc" + i, "\"publishes\": [\"p" + i + "\"]"
                    + (i == 0 ? "" : ", \"consumes\": [\"p" + (i - 1) + "\"]"));
        }
        Platform qemu = Sel4Preview.platform("qemu-arm-virt");
        String json = Sel4Preview.toJson(Sel4Preview.upAndDown(qemu, Sel4Preview.readSystem(fixture.compose(yaml))));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theTalksSystemReportIsByteForByteTheSame() throws Exception {
        assertEquals("b34b8770597f79a0c9a7097f2cc8b181951266e9a250e2c0319c8e4135d01fed",
                reportSha256(SystemFixture.TALK, 0));
    }

    @Test
    void aTwentyServiceChainsReportIsByteForByteTheSame() throws Exception {
        assertEquals("d4e28e53f368588b7d3147649975ec06dd2de1ff94131655f04e10cd15f7e26c", reportSha256(chain(20), 20));
    }

    @Test
    void aFortyServiceChainsReportIsByteForByteTheSame() throws Exception {
        assertEquals("5329cd2cd7df92aabad12b5af6b7499aa16aabee37da5b5b7fc3384caab0620a", reportSha256(chain(40), 40));
    }
}
