package io.huruhuru.validation.koskit;

import java.util.Optional;

/** "Did you mean" for label keys: the closest koskit key within a small edit distance. */
final class Suggestions {

    private Suggestions() {
    }

    /** The koskit key closest to {@code key} (ignoring case), if it is a near miss. */
    static Optional<String> closest(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (KoskitKey candidate : KoskitKey.values()) {
            int d = distance(lower, candidate.label());
            if (d < bestDistance) {
                best = candidate.label();
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, best.length() / 6);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance (insert, delete, substitute, each cost 1). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
