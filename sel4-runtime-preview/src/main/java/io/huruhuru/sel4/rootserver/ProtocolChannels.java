package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.cspace.CNodeInvocations;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.report.StepLog;
import io.huruhuru.sel4.rootserver.BootSteps.StepFailed;
import java.util.List;
import java.util.Optional;

/**
 * An application's channels through the message servers of its networks: the badged endpoint caps that publish
 * its protocols (kept by each server, in the server PD's own CNode when there is one) and those it is given to call
 * the protocols it consumes. One step of {@link ApplicationLoader}'s boot.
 */
final class ProtocolChannels {

    private ProtocolChannels() {
    }

    /** Registers each published protocol on every message server of the application's networks. */
    static void publish(ApplicationLoader loader) throws StepFailed {
        ApplicationDescription app = loader.app();
        RootServer rs = loader.rootServer();
        Kernel kernel = loader.kernel();
        StepLog log = rs.log();
        BootSteps steps = loader.steps();
        String endpoint = loader.name(ObjectType.ENDPOINT);
        for (int i = 0; i < app.publishes().size(); i++) {
            String protocol = app.publishes().get(i);
            int epSlot = loader.plan().group("endpoints").firstSlot() + i;
            for (String serverName : loader.provisions().messageServers()) {
                MessageServer server = rs.messageServer(serverName);
                Optional<String> refusal = server.refusal(app.name(), protocol);
                if (refusal.isPresent()) {
                    steps.ruleFailed("messageServer_Refused", "protocols", "MessageServer_Register " + protocol,
                            refusal.get());
                }
                long badge = server.nextBadge();
                Slot source;
                Slot kept;
                if (server.pd().isPresent()) {
                    // The server's PD gets the publisher's endpoint in its own CNode and mints from that copy.
                    List<Slot> free = serverSlots(loader, server, protocol);
                    source = free.get(0);
                    kept = free.get(1);
                    steps.check(log.step(app.name(), "protocols", "CNode_Copy").object(endpoint, 4, 1)
                                    .slot(Integer.toString(epSlot)).detail("endpoint of protocol " + protocol + " to "
                                            + serverLabel(serverName) + ", in slot " + source.index()
                                            + " of its CNode"),
                            CNodeInvocations.mintBadged(kernel, loader.slot(epSlot), source, Rights.ALL, 0));
                } else {
                    if (!rs.hasFreeRootSlot()) {
                        steps.ruleFailed("rootServer_NoFreeSlot", "protocols", "MessageServer_Register " + protocol,
                                "the root server's CNode has no free slot for the message server's capability");
                    }
                    source = loader.slot(epSlot);
                    kept = rs.rootSlot(rs.allocRootSlot());
                }
                String where = server.pd().isPresent() ? "in slot " + kept.index() + " of its CNode"
                        : "in root slot " + kept.index();
                steps.check(log.step(app.name(), "protocols", "CNode_Mint").object(endpoint, 4, 1)
                                .slot(Integer.toString(epSlot)).detail("badge " + badge + " for protocol " + protocol
                                        + ", kept by " + serverLabel(serverName) + " " + where),
                        CNodeInvocations.mintBadged(kernel, source, kept, new Rights(false, true, false, true), badge));
                server.register(app.name(), protocol, kept, kernel.caps().get(loader.slot(epSlot)).paddr(), source);
            }
        }
    }

    /** Two free slots of the message server PD's CNode, or the boot stops: the server cannot take the caps. */
    private static List<Slot> serverSlots(ApplicationLoader loader, MessageServer server, String protocol)
            throws StepFailed {
        RootServer rs = loader.rootServer();
        List<Slot> free = rs.freeSlotsIn(server.pd().orElseThrow().cnode(), 2);
        if (free.size() < 2) {
            loader.steps().ruleFailed("messageServer_NoFreeSlot", "protocols", "MessageServer_Register " + protocol,
                    serverLabel(server.name()) + " has no two free slots left in its CNode");
        }
        return free;
    }

    private static String serverLabel(String serverName) {
        return MessageServer.DEFAULT.equals(serverName) ? "the message server" : "message server " + serverName;
    }

    /**
     * Gives the application a badged cap to each protocol it consumes, from the first of its message servers
     * on which some application publishes it; the badge tells the publisher which consumer calls.
     */
    static void consume(ApplicationLoader loader) throws StepFailed {
        ApplicationDescription app = loader.app();
        RootServer rs = loader.rootServer();
        Kernel kernel = loader.kernel();
        StepLog log = rs.log();
        BootSteps steps = loader.steps();
        String endpoint = loader.name(ObjectType.ENDPOINT);
        for (int i = 0; i < app.consumes().size(); i++) {
            String protocol = app.consumes().get(i);
            MessageServer server = null;
            MessageServer.Registration found = null;
            for (String serverName : loader.provisions().messageServers()) {
                Optional<MessageServer.Registration> r = rs.messageServer(serverName).lookup(protocol);
                if (r.isPresent()) {
                    server = rs.messageServer(serverName);
                    found = r.get();
                    break;
                }
            }
            if (found == null) {
                steps.ruleFailed("messageServer_NoPublisher", "protocols", "MessageServer_Lookup " + protocol,
                        "application '" + app.name() + "' consumes protocol '" + protocol + "' but no application "
                                + "publishes it on " + String.join(", ", loader.provisions().messageServers().stream()
                                .map(ProtocolChannels::serverLabel).toList()));
            }
            int capSlot = loader.plan().group(ApplicationLoader.CONSUMED).firstSlot() + i;
            long badge = server.nextBadge();
            steps.check(log.step(app.name(), "protocols", "CNode_Mint").object(endpoint, 4, 1)
                            .slot(Integer.toString(capSlot)).detail("badge " + badge + " to call protocol " + protocol
                                    + " of application " + found.application() + " through "
                                    + serverLabel(server.name())),
                    CNodeInvocations.mintBadged(kernel, found.source(), loader.slot(capSlot),
                            new Rights(false, true, true, true), badge));
            loader.roles().put(capSlot, "consumes " + protocol);
            loader.consumed().add(server.connect(app.name(), found, capSlot));
        }
    }
}
