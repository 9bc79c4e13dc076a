package io.huruhuru.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code huruhuru serve} refuses a configuration that cannot work with one line saying what is wrong, and exit 2. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSigningKeyThatIsNotAKeyStopsStartUpNamingTheFile() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        Path config = Files.writeString(dir.resolve("huruhuru.yaml"), "http:\n  listen: 127.0.0.1:0\nstorage:\n  data: "
                + dir.resolve("data") + "\nsigning:\n  key: " + key + "\n");

        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Huruhuru());
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute("serve", "--config", config.toString());

        assertEquals(2, exit, err::toString);
        assertTrue(err.toString().startsWith("huruhuru serve: cannot load the signing keys: "), err.toString());
        assertTrue(err.toString().contains(key.toString()), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void aMissingSigningKeyFileStopsStartUp() throws Exception {
        Path config = Files.writeString(dir.resolve("huruhuru.yaml"), "http:\n  listen: 127.0.0.1:0\nstorage:\n  data: "
                + dir.resolve("data") + "\nsigning:\n  key: " + dir.resolve("absent.pem") + "\n");

        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Huruhuru());
        command.setErr(new PrintWriter(err, true));

        assertEquals(2, command.execute("serve", "--config", config.toString()), err::toString);
        assertTrue(err.toString().contains("absent.pem"), err.toString());
    }
}
