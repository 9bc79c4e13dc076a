package io.huruhuru.validation.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.Tag;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutArtifactLookupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIG_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";

    @TempDir
    Path dir;

    private final TestImage image = TestImage.hello();
    private final byte[] imageManifest = image.manifestBytes();
    private final Digest imageDigest = Digest.of(DigestAlgorithm.SHA256, imageManifest);

    /** A manifest whose subject is the image, stored in the layout under {@code refName}. */
    private byte[] addReferrer(String artifactType, String refName) throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.of(DigestAlgorithm.SHA256, config);
        Files.write(dir.resolve("blobs/sha256/" + configDigest.hex()), config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + TestImage.OCI_MANIFEST + "\",\"artifactType\":\""
                + artifactType + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
                + configDigest + "\",\"size\":2},\"layers\":[],\"subject\":{\"mediaType\":\"" + TestImage.OCI_MANIFEST
                + "\",\"digest\":\"" + imageDigest + "\",\"size\":" + imageManifest.length + "}}")
                .getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(DigestAlgorithm.SHA256, manifest);
        Files.write(dir.resolve("blobs/sha256/" + digest.hex()), manifest);
        ObjectNode index = (ObjectNode) JSON.readTree(dir.resolve("index.json").toFile());
        ObjectNode entry = ((ArrayNode) index.get("manifests")).addObject();
        entry.put("mediaType", TestImage.OCI_MANIFEST).put("digest", digest.toString()).put("size", manifest.length);
        entry.putObject("annotations").put(OciLayoutSource.REF_NAME, refName);
        Files.writeString(dir.resolve("index.json"), index.toString());
        return manifest;
    }

    private String sigTag() {
        return "sha256-" + imageDigest.hex() + ".sig";
    }

    @Test
    void findsAManifestByItsRefNameAsTag() throws Exception {
        ImageArchives.layout(dir, List.of(ImageArchives.Named.ref(image, "v1")));
        byte[] signature = addReferrer(SIG_TYPE, sigTag());

        OciLayoutSource source = OciLayoutSource.open(dir, Optional.of("v1"));

        assertArrayEquals(signature, source.taggedManifest(Tag.parse(sigTag())).orElseThrow().body());
        assertEquals(Optional.empty(), source.taggedManifest(Tag.parse("v2")).map(m -> m.digest()));
    }

    @Test
    void listsTheManifestsWhoseSubjectIsTheImageWithTheArtifactType() throws Exception {
        ImageArchives.layout(dir, List.of(ImageArchives.Named.ref(image, "v1")));
        byte[] signature = addReferrer(SIG_TYPE, "whatever");
        addReferrer("application/example", "other");

        List<Descriptor> referrers = OciLayoutSource.open(dir, Optional.of("v1")).referrers(imageDigest, SIG_TYPE);

        assertEquals(List.of(Digest.of(DigestAlgorithm.SHA256, signature)),
                referrers.stream().map(Descriptor::digest).toList());
    }

    @Test
    void withoutAReferenceASignatureTaggedAsCosignDoesNotCountAsAnImage() throws Exception {
        ImageArchives.layout(dir, List.of(ImageArchives.Named.ref(image, "v1")));
        addReferrer(SIG_TYPE, sigTag());

        OciLayoutSource source = OciLayoutSource.open(dir, Optional.empty());

        assertEquals(imageDigest, source.manifest().digest());
    }
}
