package io.huruhuru.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.TreeMap;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of an htpasswd file ({@code user:hash} lines), whose hashes must all be bcrypt ({@code htpasswd -B}):
 * MD5-crypt, SHA-1 and plain text are refused at load, naming the line, since they are cheap to brute-force.
 */
public final class Htpasswd {

    private static final Logger LOG = LoggerFactory.getLogger(Htpasswd.class);
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private final Map<String, String> hashes;
    /** Checked for an unknown user, so that it costs the same time as a known user with a wrong password. */
    private final String decoy;
    private final int decoyCost;
    /** Users whose hash has another cost than the decoy's: their existence shows in the time an answer takes. */
    private final List<String> otherCost;

    private Htpasswd(Map<String, String> hashes, String decoy, int decoyCost, List<String> otherCost) {
        this.hashes = Map.copyOf(hashes);
        this.decoy = decoy;
        this.decoyCost = decoyCost;
        this.otherCost = List.copyOf(otherCost);
    }

    public static Htpasswd load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read htpasswd file " + file + ": " + e.getMessage(), e);
        }
        Htpasswd users = parse(lines, file.toString());
        if (!users.otherCost.isEmpty()) {
            LOG.warn("htpasswd file {}: the bcrypt cost of users {} differs from the most common cost {}, so the time a"
                    + " failed login takes tells that they exist; hash their passwords again with htpasswd -B -C {}",
                    file, users.otherCost, users.decoyCost, users.decoyCost);
        }
        return users;
    }

    static Htpasswd parse(List<String> lines, String name) {
        Map<String, String> hashes = new HashMap<>();
        Map<String, Integer> costs = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String where = "htpasswd file " + name + " line " + (i + 1);
            if (colon <= 0) {
                throw new IllegalArgumentException(where + " is not user:hash");
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            var bcrypt = BCRYPT.matcher(hash);
            if (!bcrypt.matches()) {
                throw new IllegalArgumentException(where + ": the hash of user " + user + " is not bcrypt ($2y$, $2b$ or"
                        + " $2a$); only bcrypt is accepted, make it with htpasswd -B");
            }
            if (hashes.putIfAbsent(user, hash) != null) {
                throw new IllegalArgumentException(where + ": user " + user + " appears twice");
            }
            int cost = Integer.parseInt(bcrypt.group(1));
            if (cost < 4 || cost > 31) {
                throw new IllegalArgumentException(where + ": the bcrypt cost " + cost + " of user " + user
                        + " is out of range (4 to 31)");
            }
            costs.put(user, cost);
        }
        int cost = mostCommon(costs);
        List<String> otherCost = costs.entrySet().stream().filter(entry -> entry.getValue() != cost)
                .map(Map.Entry::getKey).toList();
        byte[] salt = new byte[16];
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        char[] password = new char[16];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        return new Htpasswd(hashes, OpenBSDBCrypt.generate("2y", password, salt, cost), cost, otherCost);
    }

    /** The cost most users have (the higher of a tie; 10, htpasswd's default, for an empty file). */
    private static int mostCommon(Map<String, Integer> costs) {
        Map<Integer, Integer> users = new TreeMap<>();
        costs.values().forEach(cost -> users.merge(cost, 1, Integer::sum));
        int most = 10;
        int count = 0;
        for (Map.Entry<Integer, Integer> entry : users.entrySet()) {
            if (entry.getValue() >= count) {
                most = entry.getKey();
                count = entry.getValue();
            }
        }
        return most;
    }

    /** The bcrypt cost of the decoy hash that unknown users are checked against. */
    int decoyCost() {
        return decoyCost;
    }

    /** The users, by name, whose hash has another cost than the decoy's. */
    List<String> usersOfAnotherCost() {
        return otherCost;
    }

    /** The stored hash of {@code user}, if the file names the user. */
    public Optional<String> hash(String user) {
        return Optional.ofNullable(hashes.get(user));
    }

    public boolean contains(String user) {
        return hashes.containsKey(user);
    }

    /**
     * Whether {@code password} is {@code user}'s; slow by design (bcrypt), so it runs on a worker. An unknown user is
     * checked against a decoy hash of the file's most common cost, so that the answer takes as long as for a wrong
     * password of most users (those of another cost are named in a warning at load).
     */
    public boolean check(String user, String password) {
        String hash = hashes.get(user);
        boolean matches;
        try {
            matches = OpenBSDBCrypt.checkPassword(hash == null ? decoy : hash, password.toCharArray());
        } catch (IllegalArgumentException | org.bouncycastle.crypto.DataLengthException refused) {
            // a password bcrypt cannot take (too long, say) is a wrong one
            matches = false;
        }
        return hash != null && matches;
    }
}
