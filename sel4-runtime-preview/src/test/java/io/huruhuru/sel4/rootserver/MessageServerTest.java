package io.huruhuru.sel4.rootserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.TestElf;
import io.huruhuru.sel4.boot.KernelBoot;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.boot.RootServerImage;
import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Architecture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A message server PD keeps what it is given in its own CNode and derives the caps it hands out from there. */
class MessageServerTest {

    private static final Platform QEMU = PlatformCatalog.find("qemu-arm-virt").orElseThrow();
    private static final Provisions ON_MSG0 = new Provisions(List.of("msg0"), List.of());

    private RootServer rs;
    private long msCNode;

    private static ApplicationDescription app(String name, List<String> publishes, List<String> consumes) {
        return new ApplicationDescription(name, TestElf.helloLike(183), 16, 0, 0, 100, 100, 2, publishes,
                List.of("/" + name), List.of(), consumes, Optional.empty());
    }

    @BeforeEach
    void bootTheMessageServerPd() {
        rs = RootServer.start(KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT));
        var o = rs.boot(MessageServer.protectionDomain("msg0", Architecture.AARCH64), new Provisions(List.of(), List.of()));
        assertTrue(o.booted(), () -> o.error().toString());
        rs.attachMessageServer("msg0");
        msCNode = rs.messageServer("msg0").pd().orElseThrow().cnode();
    }

    @Test
    void theServerPdHasItsOwnEndpointInItsOwnCNode() {
        Slot endpoint = rs.messageServer("msg0").pd().orElseThrow().endpoint();
        assertEquals(msCNode, endpoint.cnode());
        assertTrue(rs.kernel().caps().get(endpoint) instanceof Capability.EndpointCap);
    }

    @Test
    void aPublishedProtocolIsKeptInTheServersCNodeNotInTheRootServersSlots() {
        // when an application publishes echo on msg0
        var o = rs.boot(app("server", List.of("echo"), List.of()), ON_MSG0);
        assertTrue(o.booted(), () -> o.error().toString());
        MessageServer.Registration r = rs.messageServer("msg0").lookup("echo").orElseThrow();
        // then both the server's badged cap and its copy of the publisher's endpoint are in the server's CNode
        assertEquals(msCNode, r.kept().cnode());
        assertEquals(msCNode, r.source().cnode());
        var kept = (Capability.EndpointCap) rs.kernel().caps().get(r.kept());
        assertEquals(r.badge(), kept.badge());
        assertEquals(r.endpoint(), kept.paddr());
        assertEquals(Optional.of(r.source()), rs.kernel().caps().parent(r.kept()));
        // and the step log says where it is kept
        assertTrue(rs.log().steps().stream().anyMatch(s -> s.detail() != null
                && s.detail().equals("badge 1 for protocol echo, kept by message server msg0 in slot "
                + r.kept().index() + " of its CNode")));
    }

    @Test
    void aConsumersBadgedCapIsDerivedFromTheServersCopy() {
        rs.boot(app("server", List.of("echo"), List.of()), ON_MSG0);
        // when a client consumes echo
        var o = rs.boot(app("client", List.of(), List.of("echo")), ON_MSG0);
        assertTrue(o.booted(), () -> o.error().toString());
        MessageServer.Registration r = rs.messageServer("msg0").lookup("echo").orElseThrow();
        // then its cap is a child of the copy in the server's CNode, with its own badge
        List<Slot> children = rs.kernel().caps().children(r.source());
        Slot consumerCap = children.stream().filter(s -> s.cnode() != msCNode).findFirst().orElseThrow();
        var cap = (Capability.EndpointCap) rs.kernel().caps().get(consumerCap);
        assertEquals(r.endpoint(), cap.paddr());
        assertNotEquals(r.badge(), cap.badge());
        assertEquals(Long.parseLong(o.report().consumes().get(0).badge()), cap.badge());
    }

    @Test
    void tearingDownThePublisherEmptiesItsSlotsInTheServersCNode() {
        rs.boot(app("server", List.of("echo"), List.of()), ON_MSG0);
        MessageServer.Registration r = rs.messageServer("msg0").lookup("echo").orElseThrow();
        rs.teardown("server");
        assertTrue(rs.kernel().caps().isEmpty(r.kept()));
        assertTrue(rs.kernel().caps().isEmpty(r.source()));
        assertTrue(rs.messageServer("msg0").lookup("echo").isEmpty());
    }

    @Test
    void aPlainBootHasNoServerPdAndTheRootServerKeepsTheCap() {
        RootServer plain = RootServer.start(KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT));
        plain.boot(app("server", List.of("echo"), List.of()));
        MessageServer.Registration r = plain.messageServer().lookup("echo").orElseThrow();
        assertTrue(plain.messageServer().pd().isEmpty());
        assertEquals(plain.bootInfo().rootServerBlock().cnode(), r.kept().cnode());
    }
}
