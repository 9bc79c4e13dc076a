package io.huruhuru.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.MediaType;
import io.huruhuru.signature.AttestationArtifact;
import io.huruhuru.signature.Blob;
import io.huruhuru.signature.SignatureArtifact;
import io.huruhuru.signature.key.KeyRing;
import io.huruhuru.signature.key.SigningKey;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.TestImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SigningKey KEY = SigningKey.generate(new SecureRandom());
    private static final SigningKey OTHER_KEY = SigningKey.generate(new SecureRandom());
    private static final String REFERENCE = "registry.example/kos/hello";

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private final TestImage image = TestImage.hello();
    private final byte[] imageManifest = image.manifestBytes();
    private final Descriptor subject = Descriptor.of(MediaType.OCI_MANIFEST,
            Digest.of(DigestAlgorithm.SHA256, imageManifest), imageManifest.length);

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine command = new CommandLine(new Huruhuru());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private Path layout() throws Exception {
        return ImageArchives.layout(Files.createDirectories(dir.resolve("layout")),
                List.of(ImageArchives.Named.ref(image, "v1")));
    }

    private Path keyFile(SigningKey key) throws Exception {
        return Files.writeString(dir.resolve(key.id() + ".pub"), key.verificationKey().pem());
    }

    /** Writes a manifest and its blobs into the layout, its index.json entry named {@code refName}. */
    private static void store(Path layout, byte[] manifest, List<Blob> blobs, String refName) throws Exception {
        for (Blob blob : blobs) {
            Files.write(layout.resolve("blobs/sha256/" + blob.digest().hex()), blob.content());
        }
        Digest digest = Digest.of(DigestAlgorithm.SHA256, manifest);
        Files.write(layout.resolve("blobs/sha256/" + digest.hex()), manifest);
        ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ObjectNode entry = ((ArrayNode) index.get("manifests")).addObject();
        entry.put("mediaType", MediaType.OCI_MANIFEST).put("digest", digest.toString()).put("size", manifest.length);
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", refName);
        Files.writeString(layout.resolve("index.json"), index.toString());
    }

    private static void store(Path layout, SignatureArtifact signature, String refName) throws Exception {
        store(layout, signature.manifest(), signature.blobs(), refName);
    }

    private static void store(Path layout, AttestationArtifact attestation) throws Exception {
        store(layout, attestation.manifest(), attestation.blobs(), attestation.tag().orElseThrow().value());
    }

    private SignatureArtifact signature(SigningKey key) {
        return SignatureArtifact.sign(key, REFERENCE, subject);
    }

    private AttestationArtifact attestation(boolean passed) {
        ObjectNode report = JSON.createObjectNode().put("repository", "kos/hello").put("passed", passed);
        return AttestationArtifact.sign(KEY, REFERENCE, subject, AttestationArtifact.KOSKIT_VALIDATION, report);
    }

    private String sigTag() {
        return "sha256-" + subject.digest().hex() + ".sig";
    }

    @Test
    void aLayoutSignedByTheKeyVerifiesAndSaysWhichKeyAndTag() throws Exception {
        Path layout = layout();
        store(layout, signature(KEY), sigTag());

        int exit = run("verify", "oci:" + layout + ":v1", "--key", keyFile(KEY).toString());

        assertEquals(0, exit, err::toString);
        assertTrue(out.toString().contains(": VERIFIED"), out::toString);
        assertTrue(out.toString().contains("verified by key " + KEY.id() + " (tag " + sigTag()), out::toString);
    }

    @Test
    void withoutAReferenceTheLayoutsImageIsChosenOverItsSignature() throws Exception {
        Path layout = layout();
        store(layout, signature(KEY), sigTag());

        int exit = run("verify", "oci:" + layout, "--key", keyFile(KEY).toString());

        assertEquals(0, exit, out + err.toString());
    }

    @Test
    void aSignedOciArchiveVerifies() throws Exception {
        Path layout = layout();
        store(layout, signature(KEY), sigTag());
        Path archive = ImageArchives.write(dir.resolve("app.tar"), ImageArchives.tarOf(layout).bytes());

        int exit = run("verify", "oci-archive:" + archive + ":v1", "--key", keyFile(KEY).toString());

        assertEquals(0, exit, out + err.toString());
    }

    @Test
    void jsonNamesTheVerifyingKeyAndManifest() throws Exception {
        Path layout = layout();
        SignatureArtifact signature = signature(KEY);
        store(layout, signature, sigTag());

        int exit = run("verify", "oci:" + layout + ":v1", "--key", keyFile(KEY).toString(), "--format", "json");

        JsonNode json = JSON.readTree(out.toString());
        assertEquals(0, exit, err::toString);
        assertTrue(json.path("verified").asBoolean(), out::toString);
        assertEquals(subject.digest().toString(), json.path("digest").asText());
        assertEquals(KEY.id().value(), json.path("signature").path("keyId").asText());
        assertEquals(signature.manifestDigest().toString(), json.path("signature").path("manifest").asText());
    }

    @Test
    void aSignatureFoundOnlyAsAReferrerVerifies() throws Exception {
        Path layout = layout();
        store(layout, signature(KEY), "signature-by-subject");

        int exit = run("verify", "oci:" + layout + ":v1", "--key", keyFile(KEY).toString());

        assertEquals(0, exit, out + err.toString());
        assertTrue(out.toString().contains("(referrer sha256:"), out::toString);
    }

    @Test
    void whenTheTaggedSignatureFailsAGoodReferrerStillVerifies() throws Exception {
        Path layout = layout();
        store(layout, signature(OTHER_KEY), sigTag());
        store(layout, signature(KEY), "signature-by-subject");

        int exit = run("verify", "oci:" + layout + ":v1", "--key", keyFile(KEY).toString(), "--format", "json");

        JsonNode checked = JSON.readTree(out.toString()).path("signature").path("checked");
        assertEquals(0, exit, out + err.toString());
        assertEquals(List.of("no-key-verifies", "verified"),
                List.of(checked.get(0).path("outcome").asText(), checked.get(1).path("outcome").asText()));
        assertEquals(2, checked.size(), checked::toString);
    }

    @Test
    void aSignatureByAnotherKeyExitsOneAndSaysNoKeyVerifies() throws Exception {
        Path layout = layout();
        store(layout, signature(OTHER_KEY), sigTag());

        int exit = run("verify", "oci:" + layout + ":v1", "--key", keyFile(KEY).toString());

        assertEquals(1, exit, err::toString);
        assertTrue(out.toString().contains("NOT VERIFIED") && out.toString().contains("no-key-verifies"),
                out::toString);
    }

    @Test
    void anUnsignedImageExitsOneAndSaysNothingWasFound() throws Exception {
        int exit = run("verify", "oci:" + layout() + ":v1", "--key", keyFile(KEY).toString(), "--format", "json");

        JsonNode json = JSON.readTree(out.toString());
        assertEquals(1, exit, err::toString);
        assertEquals(false, json.path("verified").asBoolean(true));
        assertEquals("not-found", json.path("signature").path("checked").get(0).path("outcome").asText());
    }

    @Test
    void aPayloadChangedByOneByteExitsOne() throws Exception {
        Path layout = layout();
        SignatureArtifact signature = signature(KEY);
        store(layout, signature, sigTag());
        Path payload = layout.resolve("blobs/sha256/" + signature.blobs().get(1).digest().hex());
        byte[] bytes = Files.readAllBytes(payload);
        bytes[bytes.length - 3] ^= 1;
        Files.write(payload, bytes);

        int exit = run("verify", "oci:" + layout + ":v1", "--key", keyFile(KEY).toString());

        assertEquals(1, exit, err::toString);
        assertTrue(out.toString().contains("NOT VERIFIED"), out::toString);
    }

    @Test
    void aSignatureOfAnotherDigestUnderThisImagesTagExitsOne() throws Exception {
        Path layout = layout();
        Descriptor other = Descriptor.of(MediaType.OCI_MANIFEST, Digest.of(DigestAlgorithm.SHA256, new byte[1]), 1);
        SignatureArtifact foreign = SignatureArtifact.sign(KEY, REFERENCE, other);
        store(layout, foreign, sigTag());

        int exit = run("verify", "oci:" + layout + ":v1", "--key", keyFile(KEY).toString());

        assertEquals(1, exit, err::toString);
        assertTrue(out.toString().contains("digest-mismatch"), out::toString);
    }

    @Test
    void aPassingAttestationVerifiesWithAttestation() throws Exception {
        Path layout = layout();
        store(layout, signature(KEY), sigTag());
        store(layout, attestation(true));

        int exit = run("verify", "oci:" + layout + ":v1", "--key", keyFile(KEY).toString(), "--attestation");

        assertEquals(0, exit, out + err.toString());
        assertTrue(out.toString().contains("verdict passed"), out::toString);
    }

    @Test
    void aFailedVerdictOrNoAttestationExitsOneWithAttestation() throws Exception {
        Path failed = layout();
        store(failed, signature(KEY), sigTag());
        store(failed, attestation(false));

        int failedExit = run("verify", "oci:" + failed + ":v1", "--key", keyFile(KEY).toString(), "--attestation",
                "--format", "json");
        JsonNode json = JSON.readTree(out.toString());
        int withoutAttestation = run("verify", "oci:" + failed + ":v1", "--key", keyFile(KEY).toString());

        assertEquals(1, failedExit, err::toString);
        assertEquals(false, json.path("attestation").path("checked").get(0).path("passed").asBoolean(true));
        assertEquals(0, withoutAttestation, err::toString);
    }

    @Test
    void keysFetchedAsAJwksFromAUrlVerify() throws Exception {
        Path layout = layout();
        store(layout, signature(KEY), sigTag());
        byte[] jwks = new KeyRing(OTHER_KEY, List.of(KEY.verificationKey())).jwks();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sel4/v1/keys", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        try {
            int exit = run("verify", "oci:" + layout + ":v1", "--plain-http", "--keys",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/sel4/v1/keys");

            assertEquals(0, exit, out + err.toString());
            assertTrue(out.toString().contains("(2 trusted key(s))"), out::toString);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void keysFetchedAsPemVerifyAndAUrlThatFailsExitsTwo() throws Exception {
        Path layout = layout();
        store(layout, signature(KEY), sigTag());
        byte[] pem = new KeyRing(OTHER_KEY, List.of(KEY.verificationKey())).pem().getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/keys.pem", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-pem-file");
            exchange.sendResponseHeaders(200, pem.length);
            exchange.getResponseBody().write(pem);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            int pemExit = run("verify", "oci:" + layout + ":v1", "--plain-http", "--keys", base + "/keys.pem");
            assertEquals(0, pemExit, out + err.toString());
            int missingExit = run("verify", "oci:" + layout + ":v1", "--plain-http", "--keys", base + "/absent");
            assertEquals(2, missingExit, out + err.toString());
            assertTrue(err.toString().contains("answered 404"), err::toString);
            int withoutPlainHttp = run("verify", "oci:" + layout + ":v1", "--keys", base + "/keys.pem");
            assertEquals(2, withoutPlainHttp, out + err.toString());
            assertTrue(err.toString().contains("is plain HTTP"), err::toString);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreadableImageOrKeyExitsTwo() throws Exception {
        Path layout = layout();
        Path garbageKey = Files.writeString(dir.resolve("garbage.pem"), "not a key");

        assertEquals(2, run("verify", "oci:" + dir.resolve("absent"), "--key", keyFile(KEY).toString()));
        assertEquals(2, run("verify", "oci:" + layout + ":v1", "--key", garbageKey.toString()));
        assertTrue(err.toString().contains("not PEM"), err::toString);
        assertEquals(2, run("verify", "oci:" + layout + ":v1", "--key", dir.resolve("absent.pem").toString()));
        assertTrue(err.toString().contains("does not exist"), err::toString);
        assertEquals(2, run("verify", "oci:" + layout + ":v1"));
        assertEquals(2, run("verify", "oci:" + layout + ":v1", "--key", keyFile(KEY).toString(), "--format", "xml"));
    }
}
