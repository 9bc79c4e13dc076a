package io.huruhuru.e2e;

import io.huruhuru.e2e.process.Processes;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the last lines of the registry's log when a test fails, since the cause is often only there. */
final class RegistryLogOnFailure implements TestWatcher {

    private final Supplier<E2eEnvironment> environment;

    RegistryLogOnFailure(Supplier<E2eEnvironment> environment) {
        this.environment = environment;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        E2eEnvironment env = environment.get();
        if (env != null) {
            System.err.println("[e2e] " + context.getDisplayName() + " failed; last lines of the registry log:\n"
                    + Processes.tail(env.registry.log(), 40));
        }
    }
}
