package io.huruhuru.sel4.system;

import io.huruhuru.sel4.boot.BootInfo;
import io.huruhuru.sel4.boot.KernelBoot;
import io.huruhuru.sel4.boot.KernelBootException;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.RootServerImage;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.StepLog;
import io.huruhuru.sel4.report.SystemReport;
import io.huruhuru.sel4.rootserver.ApplicationLoader;
import io.huruhuru.sel4.rootserver.MessageServer;
import io.huruhuru.sel4.rootserver.Provisions;
import io.huruhuru.sel4.rootserver.RootServer;
import io.huruhuru.sel4.rootserver.SystemBoot;
import java.util.ArrayList;
import java.util.List;

/**
 * A compose system on one seL4 kernel: {@link #up} boots one message server PD per distinct {@code x-msg-server},
 * then the services in depends_on order, each publishing on and consuming through the message servers of its
 * networks; {@link #down} tears the services down in reverse order, then the message servers.
 */
public final class ComposeSystem {

    /** The error code of a service whose image cannot boot (its step and reason come from the image mapping). */
    public static final String NOT_BOOTABLE = "image_NotBootable";

    private final SystemDescription system;
    private final RootServer rs;
    private final long freeBeforeUp;
    private final List<String> booted = new ArrayList<>();
    private final List<String> servicesBooted = new ArrayList<>();
    private BootReport report;

    private ComposeSystem(SystemDescription system, RootServer rs) {
        this.system = system;
        this.rs = rs;
        this.freeBeforeUp = rs == null ? 0 : rs.freeBytes();
    }

    /** Boots the system; the report says how far it got. A failed up keeps what booted, for down. */
    public static ComposeSystem up(Platform platform, SystemDescription system) {
        BootInfo bootInfo;
        try {
            bootInfo = KernelBoot.emulateKernelBoot(platform, RootServerImage.DEFAULT);
        } catch (KernelBootException e) {
            ComposeSystem failed = new ComposeSystem(system, null);
            failed.report = SystemBoot.kernelBootFailed(platform, e, new SystemReport(system.name(), List.of(),
                    List.of(), List.of(), null));
            return failed;
        }
        ComposeSystem s = new ComposeSystem(system, RootServer.start(bootInfo));
        s.boot(platform);
        return s;
    }

    private void boot(Platform platform) {
        List<Service> order = system.bootOrder();
        List<ApplicationLoader.Outcome> outcomes = new ArrayList<>();
        BootReport.ErrorInfo error = null;
        DeviceAccess.Outcome access = DeviceAccess.decode(platform, order);
        if (access instanceof DeviceAccess.Refused r) {
            StepLog log = rs.log();
            log.step(r.service(), "devices", "CheckDevice " + r.node()).detail(r.detail()).record("failed");
            error = new BootReport.ErrorInfo(r.code(), r.service(), log.last().index(), StepLog.describe(log.last()),
                    r.detail());
        } else {
            DeviceAccess.Granted grants = (DeviceAccess.Granted) access;
            for (String server : system.messageServers()) {
                ApplicationLoader.Outcome o = rs.boot(MessageServer.protectionDomain(server,
                        platform.kernel().architecture()), new Provisions(List.of(), List.of()));
                outcomes.add(o);
                if (!o.booted()) {
                    break;
                }
                rs.attachMessageServer(server);
                booted.add(server);
            }
            for (Service s : order) {
                if (booted.size() < system.messageServers().size()) {
                    break;
                }
                if (s.image() instanceof ServiceImage.NotBootable n) {
                    StepLog log = rs.log();
                    log.step(s.name(), n.step(), "Map image").detail(n.reason()).record("failed");
                    error = new BootReport.ErrorInfo(NOT_BOOTABLE, s.name(), log.last().index(),
                            StepLog.describe(log.last()), n.reason());
                    break;
                }
                List<String> servers = system.messageServersOf(s);
                long free = rs.freeBytes();
                ApplicationLoader.Outcome o = rs.boot(s.app(), new Provisions(servers, grants.grants().get(s.name())));
                outcomes.add(o);
                if (!o.booted()) {
                    error = SystemBoot.inWords(o.error().orElseThrow(), s.app(), platform, free, true);
                    break;
                }
                booted.add(s.name());
                servicesBooted.add(s.name());
            }
        }
        report = SystemBoot.report(platform, rs, freeBeforeUp, outcomes, error, graph());
    }

    /** The message servers with their networks and protocols, and every route from a consumer to a protocol. */
    private SystemReport graph() {
        List<SystemReport.MessageServerNode> nodes = new ArrayList<>();
        List<SystemReport.Route> routes = new ArrayList<>();
        for (String name : system.messageServers()) {
            MessageServer server = rs.messageServer(name);
            List<String> networks = system.networks().values().stream().filter(n -> n.messageServer().equals(name))
                    .map(Network::name).sorted().toList();
            nodes.add(new SystemReport.MessageServerNode(name, networks, server.registrations().stream()
                    .map(r -> new SystemReport.Publication(r.protocol(), r.application(), Long.toString(r.badge()),
                            r.kept().index()))
                    .toList()));
            for (MessageServer.Connection c : server.connections()) {
                Service consumer = system.services().stream().filter(s -> s.name().equals(c.consumer())).findFirst()
                        .orElseThrow();
                String network = consumer.networks().stream()
                        .filter(n -> system.networks().get(n).messageServer().equals(name)).findFirst().orElseThrow();
                routes.add(new SystemReport.Route(c.consumer(), c.protocol(), c.publisher(), network, name,
                        Long.toString(c.badge())));
            }
        }
        return new SystemReport(system.name(), List.copyOf(servicesBooted), nodes, routes, null);
    }

    public BootReport report() {
        return report;
    }

    public long freeBytes() {
        return rs == null ? 0 : rs.freeBytes();
    }

    /** Tears down what booted in reverse order and returns the report with the teardown check added. */
    public BootReport down() {
        if (rs == null) {
            return report;
        }
        List<String> order = new ArrayList<>();
        for (int i = booted.size() - 1; i >= 0; i--) {
            rs.teardown(booted.get(i));
            order.add(booted.get(i));
        }
        booted.clear();
        long after = rs.freeBytes();
        report = report.withSystem(report.system().withTeardown(
                new SystemReport.Teardown(order, freeBeforeUp, after, after == freeBeforeUp)));
        return report;
    }
}
