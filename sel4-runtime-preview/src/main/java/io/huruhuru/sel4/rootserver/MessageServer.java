package io.huruhuru.sel4.rootserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The message server model: which application publishes each protocol, through which badged endpoint
 * cap it keeps, with at most 64 tokens (published protocols) per application.
 */
public final class MessageServer {

    public static final int MAX_TOKENS_PER_APPLICATION = 64;

    /** One published protocol: the publishing application, the badge of the server's cap and where it is kept. */
    public record Registration(String protocol, String application, long badge, int rootSlot, long endpoint) {
    }

    private final Map<String, Registration> byProtocol = new TreeMap<>();
    private long nextBadge = 1;

    /** Why a registration would be refused, or empty when it may proceed. */
    public Optional<String> refusal(String application, String protocol) {
        Registration taken = byProtocol.get(protocol);
        if (taken != null) {
            return Optional.of("protocol '" + protocol + "' is already published by application '" + taken.application() + "'");
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

    public Registration register(String application, String protocol, int rootSlot, long endpoint) {
        Registration r = new Registration(protocol, application, nextBadge++, rootSlot, endpoint);
        byProtocol.put(protocol, r);
        return r;
    }

    public List<Registration> unregisterAll(String application) {
        List<Registration> removed = new ArrayList<>();
        byProtocol.values().removeIf(r -> {
            if (r.application().equals(application)) {
                removed.add(r);
                return true;
            }
            return false;
        });
        return removed;
    }

    public long tokens(String application) {
        return byProtocol.values().stream().filter(r -> r.application().equals(application)).count();
    }

    public List<Registration> registrations(String application) {
        return byProtocol.values().stream().filter(r -> r.application().equals(application)).toList();
    }
}
