package io.huruhuru.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.signature.key.SigningKey;
import io.huruhuru.validation.fixture.TestImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code huruhuru verify} on images that the running registry signed on push. */
class VerifyAgainstRegistryTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Huruhuru());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String push(String repository, TestImage image) {
        image.source().blobs().values().forEach(blob -> registry.pushBlob(repository, blob));
        HttpResponse<byte[]> put = registry.putManifest(repository, "1.0", image.manifestMediaType(),
                image.manifestBytes());
        assertEquals(201, put.statusCode(), () -> RunningRegistry.text(put));
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private String keysUrl() {
        return "http://127.0.0.1:" + registry.port() + "/sel4/v1/keys";
    }

    @Test
    void aKoskitImageVerifiesWithItsAttestationAgainstTheRegistrysKeys() {
        push("kos/hello", TestImage.hello());

        Run verify = run("verify", "--plain-http", "--attestation", "--keys", keysUrl(),
                "127.0.0.1:" + registry.port() + "/kos/hello:1.0");

        assertEquals(0, verify.exit(), verify.out() + verify.err());
    }

    @Test
    void anImageVerifiesWithTheRegistrysPemKey() throws Exception {
        push("team/app", TestImage.plain());
        Path pem = Files.write(dir.resolve("registry.pem"), registry.get("/sel4/v1/keys?format=pem").body());

        Run verify = run("verify", "--plain-http", "--key", pem.toString(),
                "127.0.0.1:" + registry.port() + "/team/app:1.0");

        assertEquals(0, verify.exit(), verify.out() + verify.err());
    }

    @Test
    void anotherKeyDoesNotVerify() throws Exception {
        push("team/app", TestImage.plain());
        Path other = Files.writeString(dir.resolve("other.pem"),
                SigningKey.generate(new SecureRandom()).verificationKey().pem());

        Run verify = run("verify", "--plain-http", "--key", other.toString(),
                "127.0.0.1:" + registry.port() + "/team/app:1.0");

        assertEquals(1, verify.exit(), verify.out() + verify.err());
    }

    @Test
    void aPlainImageHasNoAttestationToVerify() {
        push("team/app", TestImage.plain());

        Run verify = run("verify", "--plain-http", "--attestation", "--keys", keysUrl(),
                "127.0.0.1:" + registry.port() + "/team/app:1.0");

        assertEquals(1, verify.exit(), verify.out() + verify.err());
    }
}
