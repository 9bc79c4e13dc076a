package io.huruhuru.sel4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.TestElf;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade: several applications in one system, exit codes, and a byte-for-byte stable report. */
class Sel4PreviewTest {

    private static ApplicationDescription app(String name, int priority, int maxPriority) {
        return new ApplicationDescription(name, TestElf.helloLike(183), 128, 1, 2, priority, maxPriority, 4,
                List.of(name + "_protocol"), List.of("/" + name), List.of("A=B"));
    }

    @Test
    void theSameInputGivesTheSameJsonByteForByte() throws Exception {
        Platform p = Sel4Preview.platform("qemu-arm-virt");
        String first = Sel4Preview.toJson(Sel4Preview.boot(p, List.of(app("a", 10, 20), app("b", 30, 40))));
        String second = Sel4Preview.toJson(Sel4Preview.boot(p, List.of(app("a", 10, 20), app("b", 30, 40))));
        assertEquals(first, second);
    }

    @Test
    void theJsonReportHasItsFieldsInAFixedOrder() throws Exception {
        BootReport r = Sel4Preview.boot(Sel4Preview.platform("qemu-arm-virt"), List.of(app("a", 10, 20)));
        JsonNode json = new ObjectMapper().readTree(Sel4Preview.toJson(r));
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertEquals(List.of("platform", "architecture", "mcs", "result", "kernel", "memory", "applications", "steps",
                "warnings"), fields);
        assertEquals("booted", json.get("result").asText());
        assertEquals(json.get("memory").get("freeBytesBefore").asLong() - json.get("memory").get("totalBytes").asLong(),
                json.get("memory").get("freeBytesAfter").asLong());
    }

    @Test
    void twoApplicationsBootIntoOneSystemSharingThePool() throws Exception {
        BootReport r = Sel4Preview.boot(Sel4Preview.platform("qemu-arm-virt"), List.of(app("a", 10, 20), app("b", 30, 40)));
        assertEquals(Sel4Preview.EXIT_BOOTED, Sel4Preview.exitCode(r));
        assertEquals(List.of("booted", "booted"), r.applications().stream().map(BootReport.ApplicationReport::result).toList());
        long a = r.applications().get(0).memory().totalBytes();
        long b = r.applications().get(1).memory().totalBytes();
        assertEquals(a + b, r.memory().totalBytes());
    }

    @Test
    void aFailedApplicationStopsTheBootWithExitCodeOne() throws Exception {
        BootReport r = Sel4Preview.boot(Sel4Preview.platform("qemu-arm-virt"),
                List.of(app("a", 10, 20), app("b", 50, 40), app("c", 1, 1)));
        assertEquals(Sel4Preview.EXIT_FAILED, Sel4Preview.exitCode(r));
        assertEquals("b", r.error().application());
        assertEquals("seL4_RangeError", r.error().code());
        assertEquals(2, r.applications().size());
        assertTrue(r.steps().get(r.error().stepIndex()).outcome().equals("failed"));
    }

    @Test
    void platformsAreListedForTheCommandLine() {
        assertEquals(5, Sel4Preview.platforms().size());
    }
}
