package io.huruhuru.validation.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.ImageReference;
import io.huruhuru.oci.Tag;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryArtifactLookupTest {

    private static final RegistryOptions PLAIN = RegistryOptions.defaults().withPlainHttp(true);
    private static final String SIG_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";

    private FakeRegistry registry;
    private String imageDigest;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        imageDigest = registry.push("kos/hello", "1.0", TestImage.hello());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistrySource open() throws Exception {
        return RegistrySource.open(ImageReference.parse(registry.host() + "/kos/hello:1.0"), PLAIN);
    }

    private static String descriptor(String artifactType, String digest) {
        return "{\"mediaType\":\"" + TestImage.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":10"
                + (artifactType == null ? "" : ",\"artifactType\":\"" + artifactType + "\"") + "}";
    }

    @Test
    void aTaggedManifestIsFetchedAndAnAbsentTagIsEmpty() throws Exception {
        byte[] signature = ("{\"schemaVersion\":2,\"mediaType\":\"" + TestImage.OCI_MANIFEST + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        String tag = "sha256-" + imageDigest.substring("sha256:".length()) + ".sig";
        registry.putManifest("kos/hello", tag, signature, TestImage.OCI_MANIFEST, TarBuilder.sha256(signature));
        RegistrySource source = open();

        assertArrayEquals(signature, source.taggedManifest(Tag.parse(tag)).orElseThrow().body());
        assertEquals(Optional.empty(), source.taggedManifest(Tag.parse("absent")).map(m -> m.digest()));
    }

    @Test
    void referrersAreListedByArtifactTypeEvenWhenTheRegistryDoesNotFilter() throws Exception {
        String wanted = "sha256:" + "1".repeat(64);
        String other = "sha256:" + "2".repeat(64);
        registry.putReferrers("kos/hello", imageDigest, ("{\"schemaVersion\":2,\"mediaType\":\"" + TestImage.OCI_INDEX
                + "\",\"manifests\":[" + descriptor(SIG_TYPE, wanted) + "," + descriptor("application/other", other)
                + "]}").getBytes(StandardCharsets.UTF_8));

        List<Descriptor> referrers = open().referrers(Digest.parse(imageDigest), SIG_TYPE);

        assertEquals(List.of(Digest.parse(wanted)), referrers.stream().map(Descriptor::digest).toList());
        assertTrue(registry.requests().stream().anyMatch(r -> r.path().endsWith("/referrers/" + imageDigest)
                && r.query().contains("artifactType=")), registry.requests()::toString);
    }

    @Test
    void aRegistryWithoutTheReferrersApiHasNone() throws Exception {
        assertEquals(List.of(), open().referrers(Digest.parse(imageDigest), SIG_TYPE));
    }
}
