package io.huruhuru.server.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when the test run ends, how many responses {@link ResponseContract} checked against openapi.yaml and how
 * many of the document's operations answered them; also writes it to {@code target/openapi-validation.txt}.
 * Registered through {@code META-INF/services}.
 */
public final class ValidationCount implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (ResponseContract.validated() == 0) {
            return;
        }
        long served = ApiDocument.load().operations().stream().filter(op -> op.pending().isEmpty()).count();
        String line = "openapi.yaml: " + ResponseContract.validated() + " responses validated; "
                + ResponseContract.exercised().size() + " of " + served + " served operations exercised ("
                + ApiDocument.load().operations().size() + " operations in the document)";
        System.out.println(line);
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("openapi-validation.txt"), line + System.lineSeparator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
