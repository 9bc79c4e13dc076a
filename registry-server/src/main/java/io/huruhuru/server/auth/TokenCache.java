package io.huruhuru.server.auth;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens that passed verification, by their string, bounded by count and by their total length so that a flood of
 * large distinct tokens cannot fill the heap; the oldest go first, and expired ones leave as they are met.
 */
final class TokenCache {

    static final int MAX_ENTRIES = 20_000;
    static final long MAX_BYTES = 32L << 20;

    private final int maxEntries;
    private final long maxBytes;
    /** In insertion order, which for tokens of one lifetime is also the order they expire in. */
    private final LinkedHashMap<String, VerifiedToken> entries = new LinkedHashMap<>();
    private long bytes;

    TokenCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The verified token, unless it is not kept or has expired by {@code now} (then it leaves). */
    synchronized Optional<VerifiedToken> get(String token, Instant now) {
        VerifiedToken known = entries.get(token);
        if (known != null && expired(known, now)) {
            remove(token);
            return Optional.empty();
        }
        return Optional.ofNullable(known);
    }

    synchronized void put(String token, VerifiedToken verified, Instant now) {
        if (token.length() > maxBytes) {
            return;
        }
        Iterator<Map.Entry<String, VerifiedToken>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, VerifiedToken> entry = oldest.next();
            if (!expired(entry.getValue(), now)) {
                break;
            }
            bytes -= entry.getKey().length();
            oldest.remove();
        }
        if (entries.put(token, verified) == null) {
            bytes += token.length();
        }
        oldest = entries.entrySet().iterator();
        while (entries.size() > maxEntries || bytes > maxBytes) {
            bytes -= oldest.next().getKey().length();
            oldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private void remove(String token) {
        if (entries.remove(token) != null) {
            bytes -= token.length();
        }
    }

    private static boolean expired(VerifiedToken token, Instant now) {
        return now.isAfter(token.expires().plus(TokenVerifier.LEEWAY));
    }
}
