package io.huruhuru.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.RepositoryName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code access} claim of a token: actions per repository, and whether the catalog may be listed
 * ({@code registry:catalog:*}).
 */
public record TokenAccess(Map<RepositoryName, Set<Action>> repositories, boolean catalog) {

    public static final TokenAccess NONE = new TokenAccess(Map.of(), false);
    private static final ObjectMapper JSON = new ObjectMapper();

    public TokenAccess {
        repositories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(repositories)); // in the order asked
    }

    public boolean allows(RepositoryName repository, Action action) {
        return repositories.getOrDefault(repository, Set.of()).contains(action);
    }

    /** The claim as JWTs of Docker token authentication carry it: {@code [{type, name, actions}]}. */
    ArrayNode claim() {
        ArrayNode claim = JSON.createArrayNode();
        repositories.forEach((repository, actions) -> {
            ObjectNode entry = claim.addObject().put("type", "repository").put("name", repository.value());
            ArrayNode names = entry.putArray("actions");
            EnumSet.copyOf(actions.isEmpty() ? EnumSet.noneOf(Action.class) : actions)
                    .forEach(action -> names.add(action.wire()));
        });
        if (catalog) {
            claim.addObject().put("type", "registry").put("name", "catalog").putArray("actions").add("*");
        }
        return claim;
    }

    /** Reads the claim; entries of other types, unknown actions and invalid names grant nothing. */
    static TokenAccess parse(JsonNode claim) throws InvalidTokenException {
        if (claim == null || claim.isNull()) {
            return NONE;
        }
        if (!claim.isArray()) {
            throw new InvalidTokenException("access claim is not an array");
        }
        Map<RepositoryName, Set<Action>> repositories = new LinkedHashMap<>();
        boolean catalog = false;
        for (JsonNode entry : claim) {
            String type = entry.path("type").asText("");
            String name = entry.path("name").asText("");
            List<String> actions = new ArrayList<>();
            entry.path("actions").forEach(action -> actions.add(action.asText("")));
            if (type.equals("repository") && RepositoryName.isValid(name)) {
                repositories.computeIfAbsent(RepositoryName.parse(name), n -> EnumSet.noneOf(Action.class))
                        .addAll(Action.parseKnown(actions));
            } else if (type.equals("registry") && name.equals("catalog") && actions.contains("*")) {
                catalog = true;
            }
        }
        return new TokenAccess(repositories, catalog);
    }
}
