package io.huruhuru.sel4.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.SystemReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The talk's two-service compose example, up and down, and what breaks it. */
class ComposeSystemTest {

    @TempDir
    Path dir;
    private SystemFixture fixture;
    private Platform qemu;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new SystemFixture(dir);
        fixture.talkApps();
        qemu = Sel4Preview.platform("qemu-arm-virt");
    }

    private BootReport.ApplicationReport app(BootReport r, String name) {
        return r.applications().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theTalksExampleBootsServerFirstAndTheClientReachesItsProtocolOverBackTier() throws Exception {
        SystemDescription system = Sel4Preview.readSystem(fixture.compose(SystemFixture.TALK));

        BootReport r = Sel4Preview.up(qemu, system).report();

        assertEquals("booted", r.result(), () -> String.valueOf(r.error()));
        assertEquals(List.of("server", "client"), r.system().bootOrder());
        assertEquals(List.of("Poukai.msg0", "server", "client"), r.applications().stream()
                .map(BootReport.ApplicationReport::name).toList());
        SystemReport.MessageServerNode msg = r.system().messageServers().get(0);
        assertEquals("Poukai.msg0", msg.name());
        assertEquals(List.of("back-tier"), msg.networks());
        assertEquals(List.of("echo_protocol"), msg.protocols().stream().map(SystemReport.Publication::protocol).toList());
        SystemReport.Route route = r.system().routes().get(0);
        assertEquals(List.of("client", "echo_protocol", "server", "back-tier", "Poukai.msg0"),
                List.of(route.service(), route.protocol(), route.publisher(), route.network(), route.messageServer()));
        BootReport.ConsumedProtocol consumed = app(r, "client").consumes().get(0);
        assertEquals("server", consumed.publisher());
        assertEquals(route.badge(), consumed.badge());
    }

    @Test
    void theServicesCommandReplacesTheArgumentsAndTheMemoryTotalCoversEveryPd() throws Exception {
        BootReport r = Sel4Preview.up(qemu, Sel4Preview.readSystem(fixture.compose(SystemFixture.TALK))).report();

        assertEquals(2, app(r, "client").thread().argc());
        long sum = r.applications().stream().mapToLong(a -> a.memory().totalBytes()).sum();
        assertEquals(sum, r.memory().totalBytes());
        assertEquals(r.memory().freeBytesBefore() - r.memory().totalBytes(), r.memory().freeBytesAfter());
    }

    @Test
    void downTearsDownInReverseOrderAndReturnsEveryByte() throws Exception {
        ComposeSystem up = Sel4Preview.up(qemu, Sel4Preview.readSystem(fixture.compose(SystemFixture.TALK)));
        long before = up.report().memory().freeBytesBefore();
        assertTrue(up.freeBytes() < before);

        SystemReport.Teardown t = up.down().system().teardown();

        assertEquals(List.of("client", "server", "Poukai.msg0"), t.order());
        assertEquals(before, t.freeBytesBeforeUp());
        assertEquals(before, t.freeBytesAfterDown());
        assertTrue(t.returnedAllMemory());
        assertEquals(before, up.freeBytes());
    }

    @Test
    void withoutTheServerTheClientFailsNamingTheProtocolItConsumes() throws Exception {
        String clientOnly = """
                services:
                  client:
                    image: client.json
                    networks:
                      back-tier:
                networks:
                  back-tier:
                    x-msg-server: "Poukai.msg0"
                """;
        ComposeSystem up = Sel4Preview.up(qemu, Sel4Preview.readSystem(fixture.compose(clientOnly)));

        BootReport.ErrorInfo e = up.report().error();
        assertEquals("messageServer_NoPublisher", e.code());
        assertEquals("client", e.application());
        assertEquals("protocols: MessageServer_Lookup echo_protocol", e.step());
        assertEquals("application 'client' consumes protocol 'echo_protocol' but no application publishes it on "
                + "message server Poukai.msg0", e.detail());
        assertTrue(up.down().system().teardown().returnedAllMemory());
    }

    @Test
    void aDependencyOnAServiceThatIsNotDefinedIsUnreadableNamingBoth() throws Exception {
        Path yaml = fixture.compose(SystemFixture.TALK.replace("    - server", "    - database"));

        var e = assertThrows(UnreadableInputException.class, () -> Sel4Preview.readSystem(yaml));

        assertTrue(e.getMessage().endsWith("service 'client' depends on 'database', which is not defined"), e.getMessage());
    }

    @Test
    void aDependsOnCycleIsUnreadableNamingTheCycle() throws Exception {
        Path yaml = fixture.compose(SystemFixture.TALK.replace("    command: [\"server\", \"5050\"]",
                "    command: [\"server\", \"5050\"]\n    depends_on: [client]"));

        var e = assertThrows(UnreadableInputException.class, () -> Sel4Preview.readSystem(yaml));

        assertTrue(e.getMessage().contains("cycle: client needs server (depends_on), server needs client (depends_on)"),
                e.getMessage());
    }

    @Test
    void malformedYamlIsUnreadable() throws Exception {
        Path yaml = fixture.compose("services: [client:\n  image");

        var e = assertThrows(UnreadableInputException.class, () -> Sel4Preview.readSystem(yaml));

        assertTrue(e.getMessage().contains("is not valid YAML"), e.getMessage());
    }

    @Test
    void anImageThatIsNoApplicationFileIsUnreadable() throws Exception {
        Path yaml = fixture.compose(SystemFixture.TALK.replace("image: server.json", "image: kos:apps/server"));

        var e = assertThrows(UnreadableInputException.class, () -> Sel4Preview.readSystem(yaml));

        assertTrue(e.getMessage().contains("service 'server': image 'kos:apps/server' is not an application description file"),
                e.getMessage());
    }

    @Test
    void aServiceKeyTheModelDoesNotKnowIsRefused() throws Exception {
        Path yaml = fixture.compose(SystemFixture.TALK.replace("    image: client.json", "    image: client.json\n    ports: [\"80:80\"]"));

        var e = assertThrows(UnreadableInputException.class, () -> Sel4Preview.readSystem(yaml));

        assertTrue(e.getMessage().contains("service 'client': 'ports' is not supported by the seL4 model"), e.getMessage());
    }

    @Test
    void environmentIsAddedToTheImagesAndAServiceWithoutNetworksIsOnDefault() throws Exception {
        Path yaml = fixture.compose("""
                services:
                  server:
                    image: server.json
                    environment:
                      MODE: fast
                      LEVEL: "3"
                """);

        SystemDescription s = Sel4Preview.readSystem(yaml);

        assertEquals(List.of("MODE=fast", "LEVEL=3"), s.services().get(0).app().env());
        assertEquals(List.of("default"), s.services().get(0).networks());
        assertEquals(List.of("default"), s.messageServers());
        assertNull(Sel4Preview.up(qemu, s).report().error());
    }

    @Test
    void fiftyServicesFitBecauseThePoolSplitsLargeUntypedsAndDownMergesThemBack() throws Exception {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 0; i < 50; i++) {
            yaml.append("  s").append(i).append(":\n    image: server").append(i).append(".json\n");
            fixture.app("server" + i + ".json", "s" + i, "\"publishes\": [\"p" + i + "\"]");
        }
        ComposeSystem up = Sel4Preview.up(qemu, Sel4Preview.readSystem(fixture.compose(yaml.toString())));

        assertEquals("booted", up.report().result(), () -> String.valueOf(up.report().error()));
        assertEquals(51, up.report().applications().size());
        assertTrue(up.down().system().teardown().returnedAllMemory());
    }
}
