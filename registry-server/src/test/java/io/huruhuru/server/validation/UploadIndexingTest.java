package io.huruhuru.server.validation;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.upload.UploadListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.storage.layer.LayerIndexStore;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.LayerFactsCodec;
import io.huruhuru.validation.layer.LayerReader;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Layers are read while they are uploaded, and their facts kept under the digest the upload commits with. */
class UploadIndexingTest {

    private static final RepositoryName APP = RepositoryName.parse("kos/app");

    private final Map<Digest, byte[]> stored = new ConcurrentHashMap<>();
    private final LayerIndexStore index = new LayerIndexStore() {
        @Override
        public Optional<byte[]> get(Digest digest) {
            return Optional.ofNullable(stored.get(digest));
        }

        @Override
        public void put(Digest digest, byte[] facts) {
            stored.put(digest, facts);
        }
    };
    private final UploadIndexing indexing = new UploadIndexing(index, ReadLimits.DEFAULT, 1,
            repository -> repository.value().startsWith("kos/"));

    /** The hello app's layer with enough incompressible bytes that the blob is well past the first 512 bytes. */
    private static TarBuilder helloLayer(long seed) {
        byte[] noise = new byte[8192];
        new java.util.Random(seed).nextBytes(noise);
        return TestImage.helloLayer().file("usr/share/noise", noise, 0644);
    }

    @AfterEach
    void close() {
        indexing.close();
    }

    @Test
    void layerUploadedInPiecesGivesTheFactsOfAReadOfTheWholeBlob() throws Exception {
        byte[] layer = helloLayer(1).file("etc/app.json", "{\"k\":1}").gzipLayer().blob();
        Digest digest = Digest.parse(TarBuilder.sha256(layer));

        upload(indexing.forUpload(APP, "u1"), layer, 100).committed(digest);

        LayerFacts facts = indexing.awaitFinishing(digest).or(() -> decoded(digest)).orElseThrow();
        LayerFacts direct = new LayerReader(ReadLimits.DEFAULT).read(digest, new ByteArrayInputStream(layer), Set.of());
        assertEquals(digest, facts.digest());
        assertEquals(direct.entries(), facts.entries());
        assertEquals(direct.diffId(), facts.diffId());
        assertEquals(direct.problems(), facts.problems());
        assertTrue(facts.captures("share.spec.json") && facts.captures("etc/app.json"), "JSON files are kept");
        assertEquals(facts, decoded(digest).orElseThrow(), "stored in layer_index under the committed digest");
    }

    @Test
    void blobThatIsNotALayerIsNotRead() throws Exception {
        byte[] config = ("{\"architecture\":\"arm64\",\"os\":\"linux\",\"pad\":\"" + "x".repeat(1000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.parse(TarBuilder.sha256(config));

        upload(indexing.forUpload(APP, "u2"), config, 64).committed(digest);

        assertEquals(Optional.empty(), indexing.awaitFinishing(digest));
        assertFalse(stored.containsKey(digest));
    }

    @Test
    void abandonedUploadLeavesNothingAndFreesItsReader() throws Exception {
        byte[] layer = helloLayer(2).gzipLayer().blob();
        UploadListener abandoned = upload(indexing.forUpload(APP, "u3"), Arrays.copyOf(layer, layer.length / 2), 50);

        abandoned.abandoned();
        abandoned.committed(Digest.parse(TarBuilder.sha256(layer)));

        assertTrue(stored.isEmpty());
        Digest digest = Digest.parse(TarBuilder.sha256(layer));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            // the one reader is free again once the abandoned read has ended
            UploadListener next;
            do {
                next = upload(indexing.forUpload(APP, "u4"), layer, layer.length);
                next.committed(digest);
            } while (indexing.awaitFinishing(digest).isEmpty() && decoded(digest).isEmpty());
        });
    }

    @Test
    void corruptLayerStopsItsReaderWithoutHoldingUpTheUpload() {
        byte[] header = TarBuilder.tar().file("a", "b").tarLayer().blob();
        header[148] ^= 0x55; // checksum field: the first header is refused
        byte[] blob = Arrays.copyOf(header, 40 << 20); // far more than the pipe holds
        Digest digest = Digest.parse(TarBuilder.sha256(blob));

        assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> upload(indexing.forUpload(APP, "u5"), blob, 1 << 20).committed(digest));

        LayerFacts facts = indexing.awaitFinishing(digest).or(() -> decoded(digest)).orElseThrow();
        assertEquals(digest, facts.digest());
        assertEquals(1, facts.problems().size(), facts::toString);
        assertEquals("layer.tar-header", facts.problems().get(0).ruleId(), facts::toString);
    }

    @Test
    void uploadsBeyondTheFreeReadersAreLeftToValidation() throws Exception {
        byte[] first = helloLayer(3).gzipLayer().blob();
        byte[] second = helloLayer(4).gzipLayer().blob();
        UploadListener running = upload(indexing.forUpload(APP, "u6"), Arrays.copyOf(first, 600), 600);

        Digest secondDigest = Digest.parse(TarBuilder.sha256(second));
        upload(indexing.forUpload(APP, "u7"), second, second.length).committed(secondDigest);

        assertEquals(Optional.empty(), indexing.awaitFinishing(secondDigest));
        assertFalse(stored.containsKey(secondDigest));
        running.abandoned();
    }

    private static UploadListener upload(UploadListener tee, byte[] blob, int piece) {
        for (int i = 0; i < blob.length; i += piece) {
            tee.received(ByteBuffer.wrap(blob, i, Math.min(piece, blob.length - i)));
        }
        return tee;
    }

    private Optional<LayerFacts> decoded(Digest digest) {
        return Optional.ofNullable(stored.get(digest)).flatMap(LayerFactsCodec::decode);
    }
}
