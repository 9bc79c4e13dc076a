package io.huruhuru.sel4.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.TestElf;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compose text whose image: values a ServiceImages resolves, as the registry resolves references. */
class ServiceImagesTest {

    private final Map<String, ServiceProcess> asked = new HashMap<>();
    private Platform qemu;

    @BeforeEach
    void setUp() throws Exception {
        qemu = Sel4Preview.platform("qemu-arm-virt");
    }

    /** "server:1" publishes echo_protocol, "client:1" consumes it, "broken:1" cannot boot. */
    private ServiceImage resolve(String service, String image, ServiceProcess process) {
        asked.put(service, process);
        ApplicationDescription app = new ApplicationDescription(service, TestElf.helloLike(183), 32, 0, 0, 100, 100,
                ApplicationDescription.DEFAULT_STACK_PAGES, image.equals("server:1") ? List.of("echo_protocol")
                : List.of(), process.args(List.of("/" + service), List.of("run")), process.env(List.of("A=1")),
                image.equals("client:1") ? List.of("echo_protocol") : List.of(), Optional.empty());
        return image.equals("broken:1") ? new ServiceImage.NotBootable("binary", "binary /hello is EM_X86_64")
                : new ServiceImage.Bootable(app);
    }

    private SystemDescription read(String yaml) throws UnreadableInputException {
        return SystemFile.read(yaml, this::resolve);
    }

    @Test
    void entrypointCommandAndEnvironmentReachTheImagesAsAServiceProcess() throws Exception {
        SystemDescription s = read("""
                services:
                  a:
                    image: server:1
                    entrypoint: /bin/other -x
                    command: ["go", "now"]
                    environment: {A: "2", B: "3"}
                  b:
                    image: server:1
                    environment: ["C=4", "D"]
                """);

        assertEquals(new ServiceProcess(Optional.of(List.of("/bin/other", "-x")), Optional.of(List.of("go", "now")),
                Map.of("A", "2", "B", "3")), asked.get("a"));
        assertEquals(List.of("/bin/other", "-x", "go", "now"), s.services().get(0).app().args());
        assertEquals(List.of("A=2", "B=3"), s.services().get(0).app().env());
        assertEquals(Map.of("C", "4", "D", ""), asked.get("b").environment());
        assertEquals(ServiceProcess.UNCHANGED.entrypoint(), asked.get("b").entrypoint());
        assertEquals(SystemFile.DEFAULT_NAME, s.name());
    }

    @Test
    void aServiceWhoseImageCannotBootFailsTheSystemAtThatServicesStepWithTheReason() throws Exception {
        SystemDescription s = read("""
                name: mixed
                services:
                  server:
                    image: server:1
                  bad:
                    image: broken:1
                    depends_on: [server]
                """);

        BootReport r = Sel4Preview.upAndDown(qemu, s);

        assertEquals("failed", r.result());
        assertEquals(ComposeSystem.NOT_BOOTABLE, r.error().code());
        assertEquals("bad", r.error().application());
        assertEquals("binary /hello is EM_X86_64", r.error().detail());
        BootReport.Step step = r.steps().get(r.error().stepIndex());
        assertEquals(List.of("bad", "binary"), List.of(step.application(), step.phase()));
        assertEquals(List.of("server"), r.system().bootOrder());
        assertTrue(r.system().teardown().returnedAllMemory());
    }

    @Test
    void aConsumerListedBeforeItsPublisherBootsAfterIt() throws Exception {
        SystemDescription s = read("""
                services:
                  client:
                    image: client:1
                  server:
                    image: server:1
                """);

        BootReport r = Sel4Preview.up(qemu, s).report();

        assertEquals("booted", r.result(), () -> String.valueOf(r.error()));
        assertEquals(List.of("server", "client"), r.system().bootOrder());
    }

    @Test
    void servicesFreeToStartKeepFileOrder() throws Exception {
        SystemDescription s = read("""
                services:
                  z:
                    image: plain:1
                  a:
                    image: plain:1
                """);

        assertEquals(List.of("z", "a"), s.bootOrder().stream().map(Service::name).toList());
    }

    @Test
    void aPublisherOnAnotherMessageServerIsNoReasonToWait() throws Exception {
        SystemDescription s = read("""
                services:
                  client:
                    image: client:1
                    networks: [front]
                  server:
                    image: server:1
                    networks: [back]
                networks:
                  front: {x-msg-server: m1}
                  back: {x-msg-server: m2}
                """);

        assertEquals(List.of("client", "server"), s.bootOrder().stream().map(Service::name).toList());
    }

    @Test
    void needsThatFormACycleAreRefusedNamingTheCycle() {
        UnreadableInputException e = assertThrows(UnreadableInputException.class, () -> read("""
                services:
                  client:
                    image: client:1
                  server:
                    image: server:1
                    depends_on: [client]
                """));

        assertTrue(e.getMessage().contains("client needs server (consumes echo_protocol), server needs client "
                + "(depends_on)"), e.getMessage());
    }

    @Test
    void composeEntrypointDropsTheImagesCmdUnlessACommandIsGiven() {
        ServiceProcess entry = new ServiceProcess(Optional.of(List.of("/e")), Optional.empty(), Map.of());
        ServiceProcess command = new ServiceProcess(Optional.empty(), Optional.of(List.of("c")), Map.of());

        assertEquals(List.of("/e"), entry.args(List.of("/img"), List.of("cmd")));
        assertEquals(List.of("/img", "c"), command.args(List.of("/img"), List.of("cmd")));
        assertEquals(List.of("/img", "cmd"), ServiceProcess.UNCHANGED.args(List.of("/img"), List.of("cmd")));
    }

    @Test
    void composeEnvironmentOverridesInPlaceAndAppendsNewVariables() {
        ServiceProcess p = new ServiceProcess(Optional.empty(), Optional.empty(), Map.of("A", "9"));

        assertEquals(List.of("A=9", "B=2"), p.env(List.of("A=1", "B=2")));
    }
}
