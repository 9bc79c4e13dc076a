package io.huruhuru.server.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a caller may do to a repository; the names are those of Docker token scopes and of the rules file. */
public enum Action {
    PULL,
    PUSH,
    DELETE,
    /** Reserved for the seL4 runtime preview of a stored image. */
    PREVIEW,
    /** Run the koskit check on request ({@code POST /sel4/v1/validations}). */
    VALIDATE;

    /** The name in scopes, tokens and the rules file. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One action by its name, or every action for {@code *}. */
    public static Set<Action> parse(String text) {
        if (text.equals("*")) {
            return EnumSet.allOf(Action.class);
        }
        for (Action action : values()) {
            if (action.wire().equals(text)) {
                return EnumSet.of(action);
            }
        }
        throw new IllegalArgumentException("unknown action " + text + " (pull, push, delete, preview, validate or *)");
    }

    /** The actions named, ignoring names this registry does not know (a scope may carry another registry's). */
    public static Set<Action> parseKnown(Iterable<String> names) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (String name : names) {
            try {
                actions.addAll(parse(name));
            } catch (IllegalArgumentException unknown) {
                // not ours: grants nothing
            }
        }
        return actions;
    }
}
