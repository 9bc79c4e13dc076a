package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ElfImage;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A message server (the talk's {@code x-msg-server}, e.g. {@code Poukai.msg0}): which application publishes each
 * protocol, with at most 64 tokens (published protocols) per application, and which applications it connected to
 * a protocol with a badged cap of their own. In a compose system it is a protection domain with a CNode and an
 * endpoint of its own: each publisher's endpoint is copied into that CNode, the server's badged cap to the
 * protocol is minted there, and consumers' badged caps are minted from the copy, so they derive from the
 * server's CSpace. A plain boot has no message server PD; there the root server keeps the caps in its own CNode.
 */
public final class MessageServer {

    public static final int MAX_TOKENS_PER_APPLICATION = 64;
    /** The message server of a system with no networks: compose's {@code default} network. */
    public static final String DEFAULT = "default";

    /**
     * One published protocol: the publishing application, the badge of the server's cap and the slot it is kept
     * in, and the unbadged endpoint cap consumers' caps are minted from (the server's copy in its CNode, or the
     * publisher's own cap when the root server serves).
     */
    public record Registration(String protocol, String application, long badge, Slot kept, long endpoint,
                               Slot source) {
    }

    /** The server's protection domain: its CNode and the endpoint applications call it through. */
    public record ProtectionDomain(long cnode, Slot endpoint) {
    }

    /** A consumer's badged cap to a protocol: who, which protocol from whom, its badge and its slot in the consumer. */
    public record Connection(String consumer, String protocol, String publisher, long badge, int slot) {
    }

    /**
     * The message server's own protection domain, as a system boots one per distinct name: a small static
     * program (64 KiB of text, 16 KiB of data at 4 MiB) at priority 200, an estimate to replace by its real ELF.
     * Its one published endpoint (slot 8 of its CNode) is the one applications call it through.
     */
    public static ApplicationDescription protectionDomain(String name, Architecture architecture) {
        ElfImage image = new ElfImage(false, architecture.elfMachine(), 0x400000L, List.of(
                new Segment(0x400000L, 0x10000L, 0x10000L, 0, Segment.PF_R | Segment.PF_X),
                new Segment(0x410000L, 0x4000L, 0x1000L, 0x10000L, Segment.PF_R | Segment.PF_W)));
        return new ApplicationDescription(name, image, 64, 0, 0, 200, 200, 4, List.of(name), List.of("/" + name),
                List.of());
    }

    private final String name;
    private Optional<ProtectionDomain> protectionDomain = Optional.empty();
    private final Map<String, Registration> byProtocol = new TreeMap<>();
    private final List<Connection> connections = new ArrayList<>();
    private long nextBadge = 1;

    public MessageServer(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Makes the booted PD the server's home: from now on the caps it is given go to that PD's CNode. */
    public void attach(ProtectionDomain pd) {
        if (!byProtocol.isEmpty()) {
            throw new IllegalStateException("message server " + name + " already holds registrations");
        }
        protectionDomain = Optional.of(pd);
    }

    /** The server's PD, or empty when the root server serves (a plain boot). */
    public Optional<ProtectionDomain> pd() {
        return protectionDomain;
    }

    /** Why a registration would be refused, or empty when it may proceed. */
    public Optional<String> refusal(String application, String protocol) {
        Registration taken = byProtocol.get(protocol);
        if (taken != null) {
            return Optional.of("protocol '" + protocol + "' is already published by application '" + taken.application()
                    + "'" + (DEFAULT.equals(name) ? "" : " on message server " + name));
        }
        if (tokens(application) >= MAX_TOKENS_PER_APPLICATION) {
            return Optional.of("application '" + application + "' already holds " + MAX_TOKENS_PER_APPLICATION
                    + " message server tokens, the most one application may have");
        }
        return Optional.empty();
    }

    public long nextBadge() {
        return nextBadge;
    }

    public Registration register(String application, String protocol, Slot kept, long endpoint, Slot source) {
        Registration r = new Registration(protocol, application, nextBadge++, kept, endpoint, source);
        byProtocol.put(protocol, r);
        return r;
    }

    public Optional<Registration> lookup(String protocol) {
        return Optional.ofNullable(byProtocol.get(protocol));
    }

    public Connection connect(String consumer, Registration to, int slot) {
        Connection c = new Connection(consumer, to.protocol(), to.application(), nextBadge++, slot);
        connections.add(c);
        return c;
    }

    /** Forgets an application's registrations (returned, so their caps can be deleted) and its connections. */
    public List<Registration> unregisterAll(String application) {
        List<Registration> removed = new ArrayList<>();
        byProtocol.values().removeIf(r -> {
            if (r.application().equals(application)) {
                removed.add(r);
                return true;
            }
            return false;
        });
        connections.removeIf(c -> c.consumer().equals(application) || c.publisher().equals(application));
        return removed;
    }

    public long tokens(String application) {
        return byProtocol.values().stream().filter(r -> r.application().equals(application)).count();
    }

    public List<Registration> registrations(String application) {
        return byProtocol.values().stream().filter(r -> r.application().equals(application)).toList();
    }

    public List<Registration> registrations() {
        return List.copyOf(byProtocol.values());
    }

    public List<Connection> connections() {
        return List.copyOf(connections);
    }
}
