package io.huruhuru.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.e2e.image.BuildContext;
import io.huruhuru.e2e.image.Jq;
import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.CommandResult;
import io.huruhuru.e2e.registry.HuruhuruJar;
import io.huruhuru.e2e.registry.RegistryKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry's signatures checked by tools that share no code with it: a koskit image built and pushed with
 * buildah is signed; {@code openssl} verifies the cosign signature with the key from {@code /sel4/v1/keys},
 * Debian's securesystemslib verifies the DSSE attestation, a payload changed by one byte fails both, {@code skopeo
 * copy} into another repository gives a signature of the same digest there, and {@code huruhuru verify} agrees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignatureEndToEndTest {

    private static final String REPOSITORY = "kos/signed";
    /** Debian's python, which has Debian's python3-securesystemslib (a python3 earlier on PATH may not). */
    private static final String PYTHON = "/usr/bin/python3";

    private E2eEnvironment env;
    private String digest;
    private Path work;

    @RegisterExtension
    final RegistryLogOnFailure registryLogOnFailure = new RegistryLogOnFailure(() -> env);

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(RegistryKind.fromSystemProperties() == RegistryKind.HURUHURU,
                "only Huruhuru signs what it accepts");
        env = E2eEnvironment.start();
        work = env.directory("signatures");
        BuildContext context = BuildContext.create(env.directory("signed-context"), Optional.of(env.arm64Binary),
                BuildContext.koskitLabels("hello"), "Containerfile");
        env.buildah.build(context, "localhost/signed:1", "arm64");
        digest = env.buildah.push("localhost/signed:1", env.host() + "/" + REPOSITORY + ":1.0");
        System.out.println("[e2e] pushed " + REPOSITORY + "@" + digest);
    }

    @AfterAll
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void opensslVerifiesTheSignatureAndRefusesAPayloadChangedByOneByte() throws IOException {
        Path key = registryPublicKey();
        Path payload = work.resolve("payload.json");
        Path signature = work.resolve("payload.sig");
        writeSignature(REPOSITORY, payload, signature);

        CommandResult verified = openssl(key, signature, payload);
        Path tampered = flipOneByte(payload, work.resolve("payload-tampered.json"));
        CommandResult refused = openssl(key, signature, tampered);

        System.out.println("[e2e] openssl on the payload: " + verified.stdout().strip() + "; one byte changed: "
                + refused.stdout().strip());
        assertEquals(0, verified.exitCode(), verified::describe);
        assertEquals("Verified OK", verified.stdout().strip());
        assertNotEquals(0, refused.exitCode(), refused::describe);
        assertEquals("Verification failure", refused.stdout().strip());
        String body = Files.readString(payload);
        assertEquals(digest, Jq.string(body, ".critical.image[\"docker-manifest-digest\"]"));
        assertEquals(env.host() + "/" + REPOSITORY, Jq.string(body, ".critical.identity[\"docker-reference\"]"));
    }

    @Test
    void securesystemslibVerifiesTheAttestationAndRefusesOneChangedByOneByte() throws IOException {
        Path key = registryPublicKey();
        String keyId = Jq.string(env.http.get("/sel4/v1/keys").body(), ".keys[0].kid");
        String attestation = env.skopeo.inspectRaw(env.host() + "/" + REPOSITORY + ":" + tag("att"));
        Path envelope = work.resolve("envelope.json");
        Files.write(envelope, blob(REPOSITORY, Jq.string(attestation, ".layers[0].digest")));
        Path script = resource("dsse_verify.py");

        CommandResult verified = Command.of(PYTHON, script.toString(), envelope.toString(), key.toString(), keyId).run();
        Path tampered = work.resolve("envelope-tampered.json");
        String payload = Jq.string(Files.readString(envelope), ".payload");
        byte[] statement = Base64.getDecoder().decode(payload);
        statement[statement.length / 2] ^= 1;
        Files.writeString(tampered, Files.readString(envelope).replace(payload,
                Base64.getEncoder().encodeToString(statement)));
        CommandResult refused = Command.of(PYTHON, script.toString(), tampered.toString(), key.toString(), keyId).run();

        System.out.println("[e2e] securesystemslib on the attestation: " + verified.stdout().strip()
                + "; one byte changed: " + refused.stdout().strip());
        assertEquals(0, verified.exitCode(), verified::describe);
        assertEquals("verified " + keyId + " application/vnd.in-toto+json", verified.stdout().strip());
        assertEquals(1, refused.exitCode(), refused::describe);
        String statementJson = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
        assertEquals("https://huruhuru.dev/attestations/koskit-validation/v1", Jq.string(statementJson, ".predicateType"));
        assertEquals(digest, "sha256:" + Jq.string(statementJson, ".subject[0].digest.sha256"));
        assertEquals("true", Jq.string(statementJson, ".predicate.passed"));
    }

    @Test
    void anImageCopiedWithSkopeoIsSignedForTheSameDigestInItsNewRepository() throws IOException {
        String copy = "kos/copied";
        env.skopeo.copy("docker://" + env.host() + "/" + REPOSITORY + ":1.0", "docker://" + env.host() + "/" + copy + ":1.0");
        String copiedDigest = Jq.string(env.skopeo.inspect(env.host() + "/" + copy + ":1.0"), ".Digest");
        assertEquals(digest, copiedDigest, "skopeo copy keeps the manifest bytes");

        Path payload = work.resolve("copied-payload.json");
        Path signature = work.resolve("copied-payload.sig");
        writeSignature(copy, payload, signature);
        CommandResult verified = openssl(registryPublicKey(), signature, payload);

        assertEquals("Verified OK", verified.stdout().strip(), verified::describe);
        assertEquals(digest, Jq.string(Files.readString(payload), ".critical.image[\"docker-manifest-digest\"]"));
        assertEquals(env.host() + "/" + copy,
                Jq.string(Files.readString(payload), ".critical.identity[\"docker-reference\"]"));
    }

    @Test
    void huruhuruVerifyAcceptsTheRegistrysKeyAndRefusesAnotherOne() throws IOException {
        String image = "docker://" + env.host() + "/" + REPOSITORY + ":1.0";
        Path otherKey = work.resolve("other.pem");
        Command.of("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
                work.resolve("other-private.pem").toString()).runOk();
        Command.of("openssl", "pkey", "-in", work.resolve("other-private.pem").toString(), "-pubout", "-out",
                otherKey.toString()).runOk();

        CommandResult verified = HuruhuruJar.command("verify", "--plain-http", "--attestation", "--keys",
                "http://" + env.host() + "/sel4/v1/keys", image).run();
        CommandResult refused = HuruhuruJar.command("verify", "--plain-http", "--key", otherKey.toString(), image).run();

        System.out.println("[e2e] huruhuru verify with the registry's keys: " + verified.stdout().strip()
                + "; with another key: " + refused.stdout().strip());
        assertEquals(0, verified.exitCode(), verified::describe);
        assertEquals(1, refused.exitCode(), refused::describe);
    }

    private Path registryPublicKey() throws IOException {
        HttpResponse<byte[]> keys = env.http.get("/sel4/v1/keys?format=pem");
        assertEquals(200, keys.statusCode());
        return Files.write(work.resolve("registry.pem"), keys.body());
    }

    /** Fetches the signature manifest with skopeo and writes its payload and its DER signature. */
    private void writeSignature(String repository, Path payload, Path signature) throws IOException {
        String manifest = env.skopeo.inspectRaw(env.host() + "/" + repository + ":" + tag("sig"));
        assertEquals("application/vnd.dev.cosign.simplesigning.v1+json", Jq.string(manifest, ".layers[0].mediaType"));
        Files.write(payload, blob(repository, Jq.string(manifest, ".layers[0].digest")));
        Files.write(signature, Base64.getDecoder().decode(
                Jq.string(manifest, ".layers[0].annotations[\"dev.cosignproject.cosign/signature\"]")));
    }

    private byte[] blob(String repository, String blobDigest) {
        HttpResponse<byte[]> blob = env.http.get("/v2/" + repository + "/blobs/" + blobDigest);
        assertEquals(200, blob.statusCode());
        return blob.body();
    }

    private String tag(String suffix) {
        return digest.replace(':', '-') + "." + suffix;
    }

    private static CommandResult openssl(Path key, Path signature, Path payload) {
        return Command.of("openssl", "dgst", "-sha256", "-verify", key.toString(), "-signature", signature.toString(),
                payload.toString()).run();
    }

    private static Path flipOneByte(Path source, Path target) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        bytes[bytes.length / 2] ^= 1;
        return Files.write(target, bytes);
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = SignatureEndToEndTest.class.getResourceAsStream("/" + name)) {
            assertTrue(in != null, "test resource " + name);
            return Files.write(work.resolve(name), in.readAllBytes());
        }
    }
}
