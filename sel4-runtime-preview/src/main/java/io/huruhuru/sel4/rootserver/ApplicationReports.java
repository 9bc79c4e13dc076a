package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Capability.EndpointCap;
import io.huruhuru.sel4.cspace.Capability.FrameCap;
import io.huruhuru.sel4.cspace.Capability.NotificationCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.Hex;
import io.huruhuru.sel4.tcb.Tcb;
import io.huruhuru.sel4.vspace.VSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads a booted application's state back out of the kernel model into its report. */
final class ApplicationReports {

    private ApplicationReports() {
    }

    static BootReport.ApplicationReport booted(ApplicationLoader l) {
        Kernel kernel = l.kernel();
        Tcb tcb = kernel.tcb(kernel.caps().get(new Slot(l.cnode(), ObjectPlan.SLOT_TCB)).paddr()).orElseThrow();
        VSpace vspace = kernel.vspace(tcb.vspaceRoot().orElseThrow()).orElseThrow();
        SortedMap<String, Integer> paging = new TreeMap<>();
        // The root is the level-1 table when translation starts at level 1 (a hypervisor kernel, 40-bit PA).
        int root = vspace.rootLevel();
        for (int level = root + 1; level <= 3; level++) {
            paging.put(level + "-" + VSpace.levelName(kernel.config().architecture(), level), vspace.tableCount(level));
        }
        paging.put(root + "-" + VSpace.levelName(kernel.config().architecture(), root), 1);
        List<BootReport.MappedRegion> regions = new ArrayList<>();
        for (AddressSpaceLayout.Area a : l.layout().areas()) {
            regions.add(new BootReport.MappedRegion(a.name(), Hex.of(a.start()), Hex.of(a.end()), a.pages().size(),
                    a.permissions().text()));
        }
        InitialStack stack = l.stack();
        BootReport.ThreadReport thread = new BootReport.ThreadReport(Hex.of(tcb.pc()), Hex.of(tcb.sp()),
                Hex.of(tcb.ipcBuffer().orElseThrow()), tcb.priority(), tcb.mcp(), tcb.state().name().toLowerCase(),
                stack.argc(), stack.envc(), stack.bytes());
        // Every message server the application is on: in a compose system that need not be the default one.
        List<BootReport.Protocol> protocols = l.provisions().messageServers().stream()
                .flatMap(server -> l.rootServer().messageServer(server).registrations(l.app().name()).stream())
                .map(r -> new BootReport.Protocol(r.protocol(), Long.toString(r.badge()), Hex.of(r.endpoint())))
                .toList();
        List<BootReport.ConsumedProtocol> consumes = l.consumed().stream()
                .map(c -> new BootReport.ConsumedProtocol(c.protocol(), c.publisher(), serverOf(l, c),
                        Long.toString(c.badge()), c.slot()))
                .toList();
        List<BootReport.DeviceReport> devices = l.devices().reports();
        return new BootReport.ApplicationReport(l.app().name(), BootReport.BOOTED, l.memory(), paging, regions,
                capabilities(l), thread, protocols, consumes.isEmpty() ? null : consumes,
                devices.isEmpty() ? null : devices, l.guest() == null ? null : l.guest().report(),
                List.copyOf(l.warnings()));
    }

    private static String serverOf(ApplicationLoader l, MessageServer.Connection c) {
        for (String name : l.provisions().messageServers()) {
            if (l.rootServer().messageServer(name).connections().contains(c)) {
                return name;
            }
        }
        return MessageServer.DEFAULT;
    }

    /** The application's CNode as runs of consecutive slots of one kind, role, rights and badge. */
    private static List<BootReport.CapabilityRange> capabilities(ApplicationLoader l) {
        Kernel kernel = l.kernel();
        List<BootReport.CapabilityRange> out = new ArrayList<>();
        BootReport.CapabilityRange open = null;
        for (Slot s : kernel.caps().occupied(l.cnode())) {
            Capability cap = kernel.caps().get(s);
            String type = cap.objectType().map(t -> t.displayName(kernel.config())).orElse(cap.getClass().getSimpleName());
            String role = l.roles().getOrDefault(s.index(), "");
            if (cap instanceof Capability.IrqHandlerCap) {
                type = "seL4_IRQHandler";
            }
            String rights = rightsOf(cap);
            String badge = badgeOf(cap);
            if (open != null && open.lastSlot() == s.index() - 1 && open.objectType().equals(type)
                    && open.role().equals(role) && Objects.equals(open.rights(), rights)
                    && Objects.equals(open.badge(), badge)) {
                open = new BootReport.CapabilityRange(open.firstSlot(), s.index(), open.count() + 1, type, role, rights,
                        badge);
                out.set(out.size() - 1, open);
            } else {
                open = new BootReport.CapabilityRange(s.index(), s.index(), 1, type, role, rights, badge);
                out.add(open);
            }
        }
        return out;
    }

    private static String rightsOf(Capability cap) {
        if (cap instanceof FrameCap f) {
            return f.rights().shortForm();
        }
        if (cap instanceof EndpointCap e) {
            return e.rights().shortForm();
        }
        if (cap instanceof NotificationCap n) {
            return n.rights().shortForm();
        }
        return null;
    }

    private static String badgeOf(Capability cap) {
        if (cap instanceof EndpointCap e && e.badge() != 0) {
            return Long.toString(e.badge());
        }
        if (cap instanceof NotificationCap n && n.badge() != 0) {
            return Long.toString(n.badge());
        }
        return null;
    }
}
