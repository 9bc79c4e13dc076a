package io.huruhuru.e2e.process;

import java.util.List;

/** What one finished client command printed and how it exited. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** Longest part of each stream put into a failure message, so a noisy client cannot bury the cause. */
    private static final int SHOWN_CHARS = 6_000;

    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The whole exchange, as the lead engineer needs it to reproduce a failure by hand. */
    public String describe() {
        return "$ " + String.join(" ", command) + "\nexit code: " + exitCode
                + "\n--- stdout ---\n" + tail(stdout) + "\n--- stderr ---\n" + tail(stderr);
    }

    private static String tail(String text) {
        return text.length() <= SHOWN_CHARS ? text : "[...]" + text.substring(text.length() - SHOWN_CHARS);
    }
}
