package io.huruhuru.server.auth;

import io.huruhuru.oci.RepositoryName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Docker token scope, {@code type:name:actions} (e.g. {@code repository:team/app:pull,push}), as in challenges and
 * the token endpoint's {@code scope} parameters.
 *
 * @param type {@code repository} or {@code registry}
 * @param name a repository name, or {@code catalog}
 * @param actions action names, as the client wrote them
 */
public record Scope(String type, String name, List<String> actions) {

    public static final Scope CATALOG = new Scope("registry", "catalog", List.of("*"));

    public Scope {
        actions = List.copyOf(actions);
    }

    /** The scope a client asks for to do {@code action}: a push asks for pull too, as Docker clients do. */
    public static Scope repository(RepositoryName repository, Action action) {
        Set<Action> actions = action == Action.PUSH ? EnumSet.of(Action.PULL, Action.PUSH) : EnumSet.of(action);
        return new Scope("repository", repository.value(), actions.stream().map(Action::wire).toList());
    }

    /**
     * The scopes of the token endpoint's {@code scope} parameters; each may hold several, separated by spaces (the
     * OAuth2 form containerd sends). A scope that does not parse is skipped: it grants nothing.
     */
    public static List<Scope> parseAll(List<String> parameters) {
        List<Scope> scopes = new ArrayList<>();
        for (String parameter : parameters) {
            for (String one : parameter.trim().split("\\s+")) {
                int first = one.indexOf(':');
                int last = one.lastIndexOf(':');
                if (first <= 0 || last == first) {
                    continue;
                }
                String type = one.substring(0, first);
                // "repository(plugin)" is a class of repository scope (Docker plugins)
                int paren = type.indexOf('(');
                scopes.add(new Scope(paren < 0 ? type : type.substring(0, paren), one.substring(first + 1, last),
                        List.of(one.substring(last + 1).split(","))));
            }
        }
        return scopes;
    }

    @Override
    public String toString() {
        return type + ":" + name + ":" + actions.stream().collect(Collectors.joining(","));
    }
}
