package io.huruhuru.server.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.RunningRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads the registry's signatures over HTTP and checks them with the JDK alone (not with the signature module), the
 * way an independent verifier would.
 */
final class RegistrySignatures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SIG_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
    static final String ATT_TYPE = "application/vnd.dsse.envelope.v1+json";

    private final RunningRegistry registry;

    RegistrySignatures(RunningRegistry registry) {
        this.registry = registry;
    }

    /**
     * Pushes {@code image}'s blobs and manifest to {@code repository} under {@code reference} (a tag, or its digest
     * when null); returns the digest the registry answered.
     */
    String push(String repository, String reference, io.huruhuru.validation.fixture.TestImage image) {
        image.blobs().values().forEach(blob -> registry.pushBlob(repository, blob));
        HttpResponse<byte[]> put = registry.putManifest(repository,
                reference != null ? reference : RunningRegistry.sha256(image.manifestBytes()), image.manifestMediaType(),
                image.manifestBytes());
        assertEquals(201, put.statusCode(), () -> RunningRegistry.text(put));
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    /** The public keys of {@code /sel4/v1/keys?format=pem}, the signing key first. */
    List<PublicKey> keys() throws Exception {
        String pem = RunningRegistry.text(registry.get("/sel4/v1/keys?format=pem"));
        List<PublicKey> keys = new ArrayList<>();
        for (String block : pem.split("-----END PUBLIC KEY-----")) {
            int begin = block.indexOf("-----BEGIN PUBLIC KEY-----");
            if (begin < 0) {
                continue;
            }
            String base64 = block.substring(begin + "-----BEGIN PUBLIC KEY-----".length()).replaceAll("\\s", "");
            keys.add(KeyFactory.getInstance("EC").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(base64))));
        }
        return keys;
    }

    /** The manifest under {@code tag}, if the repository has that tag. */
    Optional<JsonNode> manifest(String repository, String reference) throws IOException {
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/" + repository + "/manifests/" + reference)
                .header("Accept", "application/vnd.oci.image.manifest.v1+json").GET().build());
        return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    }

    byte[] blob(String repository, String digest) {
        HttpResponse<byte[]> response = registry.get("/v2/" + repository + "/blobs/" + digest);
        assertEquals(200, response.statusCode(), () -> "blob " + digest + ": " + RunningRegistry.text(response));
        return response.body();
    }

    /** The referrers of {@code digest} with {@code artifactType}. */
    JsonNode referrers(String repository, String digest, String artifactType) throws IOException {
        return JSON.readTree(registry.get("/v2/" + repository + "/referrers/" + digest + "?artifactType="
                + java.net.URLEncoder.encode(artifactType, StandardCharsets.UTF_8)).body()).path("manifests");
    }

    static String tagOf(String digest, String suffix) {
        return digest.replace(':', '-') + "." + suffix;
    }

    /** The simple-signing payload of a cosign signature manifest, whose signature {@code key} must verify. */
    JsonNode verifiedPayload(String repository, JsonNode signatureManifest, PublicKey key) throws Exception {
        JsonNode layer = signatureManifest.path("layers").get(0);
        assertEquals("application/vnd.dev.cosign.simplesigning.v1+json", layer.path("mediaType").asText());
        byte[] payload = blob(repository, layer.path("digest").asText());
        byte[] signature = Base64.getDecoder().decode(
                layer.path("annotations").path("dev.cosignproject.cosign/signature").asText());
        if (!verifies(key, payload, signature)) {
            throw new AssertionError("the signature does not verify: " + new String(payload, StandardCharsets.UTF_8));
        }
        return JSON.readTree(payload);
    }

    /** The in-toto statement of a DSSE envelope in an attestation manifest, whose signature {@code key} must verify. */
    JsonNode verifiedStatement(String repository, JsonNode attestationManifest, PublicKey key) throws Exception {
        JsonNode layer = attestationManifest.path("layers").get(0);
        assertEquals("application/vnd.dsse.envelope.v1+json", layer.path("mediaType").asText());
        JsonNode envelope = JSON.readTree(blob(repository, layer.path("digest").asText()));
        String payloadType = envelope.path("payloadType").asText();
        assertEquals("application/vnd.in-toto+json", payloadType);
        byte[] payload = Base64.getDecoder().decode(envelope.path("payload").asText());
        byte[] signature = Base64.getDecoder().decode(envelope.path("signatures").get(0).path("sig").asText());
        if (!verifies(key, pae(payloadType, payload), signature)) {
            throw new AssertionError("the envelope's signature does not verify");
        }
        return JSON.readTree(payload);
    }

    /** DSSE's pre-authentication encoding, written from the DSSE protocol text. */
    static byte[] pae(String type, byte[] body) {
        byte[] typeBytes = type.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + typeBytes.length + " " + type + " " + body.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static boolean verifies(PublicKey key, byte[] message, byte[] derSignature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(message);
        try {
            return verifier.verify(derSignature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
