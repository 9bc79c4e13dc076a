package io.huruhuru.storage.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.manifest.ManifestStore.Dependents;
import io.huruhuru.storage.referrer.Referrer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ManifestStore} for companions (manifests written in the atomic write of the manifest they
 * accompany) and for deletes that take dependents along, run against each implementation.
 */
public abstract class ManifestStoreCompanionsContract extends StoreContract {

    private static final RepositoryName R = repo("r");
    private static final String SIGNATURE = "application/vnd.example.sig";
    private static final String ATTESTATION = "application/vnd.example.att";

    /** The number of stored units of blob content (values, files), to tell that content was not written twice. */
    protected abstract long storedContentUnits(RegistryStore store);

    @Test
    void companionIsStoredWithItsBlobsTagAndReferrerEntry() {
        StoredManifest image = manifest("{\"image\":1}");
        Companion signature = companion(image, "sig", SIGNATURE, Optional.of(sigTag(image)));

        store.manifests().put(R, image, Optional.of(tag("v1")), List.of(), List.of(signature));

        StoredManifest stored = store.manifests().get(R, signature.manifest().digest()).orElseThrow();
        assertArrayEquals(signature.manifest().content(), stored.content());
        assertEquals(Optional.of(image.digest()), stored.subject());
        for (SmallBlob blob : signature.blobs()) {
            BlobInfo info = store.blobs().stat(R, blob.digest()).orElseThrow();
            assertEquals(blob.content().length, info.size());
            assertArrayEquals(blob.content(), read(blob.digest(), 0, info.size(), 4096, true));
        }
        assertEquals(Optional.of(signature.manifest().digest()), store.tags().resolve(R, sigTag(image)));
        assertEquals(Optional.of(image.digest()), store.tags().resolve(R, tag("v1")));
        assertEquals(List.of(referrer(image, signature)), store.referrers().list(R, image.digest()));
    }

    @Test
    void companionBlobsAreLinkedOnlyIntoTheManifestsRepository() {
        StoredManifest image = manifest("{\"image\":2}");
        Companion signature = companion(image, "sig", SIGNATURE, Optional.empty());

        store.manifests().put(R, image, Optional.empty(), List.of(), List.of(signature));

        Digest config = signature.blobs().get(0).digest();
        assertTrue(store.blobs().stat(config).isPresent());
        assertEquals(Optional.empty(), store.blobs().stat(repo("other"), config));
        assertEquals(Optional.empty(), store.manifests().get(repo("other"), signature.manifest().digest()));
    }

    @Test
    void blobOfManyContentValuesReadsBackWholeAndInRanges() {
        byte[] large = bytes(2 * MIB + MIB / 2 + 3, 7);
        SmallBlob layer = new SmallBlob(digestOf(large), large);
        StoredManifest image = manifest("{\"image\":3}");
        StoredManifest attestation = manifest("{\"att\":3}", Optional.of(image.digest()), Optional.of(ATTESTATION),
                Map.of(), List.of(layer.digest()));

        store.manifests().put(R, image, Optional.empty(), List.of(),
                List.of(new Companion(attestation, Optional.empty(), List.of(layer))));

        assertArrayEquals(large, read(layer.digest(), 0, large.length, 64 * 1024, false));
        long from = MIB - 5;
        assertArrayEquals(java.util.Arrays.copyOfRange(large, (int) from, (int) from + MIB + 10),
                read(layer.digest(), from, MIB + 10, 3000, true));
    }

    @Test
    void aReaderNeverSeesAManifestWithoutItsCompanion() throws InterruptedException {
        List<StoredManifest> images = new ArrayList<>();
        List<Companion> signatures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            StoredManifest image = manifest("{\"image\":" + i + "}");
            images.add(image);
            signatures.add(companion(image, "sig", SIGNATURE, Optional.of(sigTag(image))));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> unsigned = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (writing.get() && unsigned.get() == null) {
                    for (int i = 0; i < images.size(); i++) {
                        if (store.manifests().get(R, images.get(i).digest()).isPresent()
                                && !companionVisible(signatures.get(i))) {
                            unsigned.compareAndSet(null, "image " + i + " without its signature");
                        }
                    }
                }
            } catch (RuntimeException e) {
                unsigned.compareAndSet(null, "the reader failed: " + e);
            }
        });
        reader.start();

        try {
            for (int i = 0; i < images.size(); i++) {
                store.manifests().put(R, images.get(i), Optional.empty(), List.of(), List.of(signatures.get(i)));
            }
        } finally {
            writing.set(false);
            reader.join();
        }

        assertNull(unsigned.get());
    }

    @Test
    void aReaderNeverSeesADependentTagOfADeletedManifest() throws InterruptedException {
        List<StoredManifest> images = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            StoredManifest image = manifest("{\"image\":" + i + "}");
            images.add(image);
            store.manifests().put(R, image, Optional.empty(), List.of(),
                    List.of(companion(image, "sig", SIGNATURE, Optional.of(sigTag(image)))));
        }
        AtomicBoolean deleting = new AtomicBoolean(true);
        AtomicReference<String> dangling = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (deleting.get() && dangling.get() == null) {
                    for (int i = 0; i < images.size(); i++) {
                        // in this order: once the image is gone, a tag seen afterwards outlived it
                        if (store.manifests().get(R, images.get(i).digest()).isEmpty()
                                && store.tags().resolve(R, sigTag(images.get(i))).isPresent()) {
                            dangling.compareAndSet(null, "the signature tag of image " + i + " outlived it");
                        }
                    }
                }
            } catch (RuntimeException e) {
                dangling.compareAndSet(null, "the reader failed: " + e);
            }
        });
        reader.start();

        try {
            for (StoredManifest image : images) {
                store.manifests().delete(R, image.digest(), new Dependents(Set.of(), Set.of(sigTag(image)), m -> true));
            }
        } finally {
            deleting.set(false);
            reader.join();
        }

        assertNull(dangling.get());
        assertEquals(List.of(), store.tags().list(R, Optional.empty(), 10));
    }

    private boolean companionVisible(Companion companion) {
        return store.manifests().get(R, companion.manifest().digest()).isPresent()
                && store.tags().resolve(R, companion.tag().orElseThrow()).isPresent()
                && companion.blobs().stream().allMatch(blob -> store.blobs().stat(R, blob.digest()).isPresent());
    }

    @Test
    void companionTagThatTheRepositoryHasIsNotMoved() {
        StoredManifest image = manifest("{\"image\":4}");
        StoredManifest clientSignature = manifest("{\"client-sig\":4}", Optional.of(image.digest()), List.of());
        store.manifests().put(R, clientSignature, Optional.of(sigTag(image)));
        Companion signature = companion(image, "sig", SIGNATURE, Optional.of(sigTag(image)));

        store.manifests().put(R, image, Optional.empty(), List.of(), List.of(signature));

        assertEquals(Optional.of(clientSignature.digest()), store.tags().resolve(R, sigTag(image)));
        assertTrue(store.manifests().get(R, signature.manifest().digest()).isPresent());
        assertEquals(2, store.referrers().list(R, image.digest()).size());
    }

    @Test
    void companionTagAppearsInTheTagListRightAway() {
        StoredManifest image = manifest("{\"image\":5}");
        store.manifests().put(R, manifest("{\"before\":5}"), Optional.of(tag("before")));
        assertEquals(tags("before"), store.tags().list(R, Optional.empty(), 10));

        store.manifests().put(R, image, Optional.empty(), List.of(),
                List.of(companion(image, "sig", SIGNATURE, Optional.of(sigTag(image)))));

        assertEquals(List.of(tag("before"), sigTag(image)), store.tags().list(R, Optional.empty(), 10));
    }

    @Test
    void puttingAManifestWithItsCompanionsAgainWritesNoContentAndKeepsTheBlobRecords() throws InterruptedException {
        StoredManifest image = manifest("{\"image\":6}");
        Companion signature = companion(image, "sig", SIGNATURE, Optional.of(sigTag(image)));
        store.manifests().put(R, image, Optional.of(tag("v1")), List.of(), List.of(signature));
        long units = storedContentUnits(store);
        BlobInfo config = store.blobs().stat(signature.blobs().get(0).digest()).orElseThrow();
        Thread.sleep(5); // a record written again would carry a later time

        store.manifests().put(R, image, Optional.of(tag("v1")), List.of(), List.of(signature));

        assertEquals(units, storedContentUnits(store));
        assertEquals(config, store.blobs().stat(config.digest()).orElseThrow());
        assertEquals(List.of(referrer(image, signature)), store.referrers().list(R, image.digest()));
        assertEquals(List.of(sigTag(image), tag("v1")), store.tags().list(R, Optional.empty(), 10));
    }

    @Test
    void companionBlobStoredAlreadyKeepsItsRecordAndContentAndIsLinked() throws InterruptedException {
        StoredManifest image = manifest("{\"image\":7}");
        Companion signature = companion(image, "sig", SIGNATURE, Optional.empty());
        BlobInfo pushed = push("elsewhere", signature.blobs().get(1).content());
        long units = storedContentUnits(store);
        Thread.sleep(5);

        store.manifests().put(R, image, Optional.empty(), List.of(), List.of(signature));

        assertEquals(pushed, store.blobs().stat(R, pushed.digest()).orElseThrow());
        long written = storedContentUnits(store) - units;
        assertEquals(1, written, "only the config's content is new");
    }

    @Test
    void companionsSharingABlobStoreItOnce() {
        StoredManifest image = manifest("{\"image\":8}");
        SmallBlob config = blob("{\"shared-config\":8}");
        SmallBlob sigPayload = blob("{\"sig-payload\":8}");
        SmallBlob attPayload = blob("{\"att-payload\":8}");
        Companion signature = new Companion(manifest("{\"sig\":8}", Optional.of(image.digest()), Optional.of(SIGNATURE),
                Map.of(), List.of(config.digest(), sigPayload.digest())), Optional.empty(), List.of(config, sigPayload));
        Companion attestation = new Companion(manifest("{\"att\":8}", Optional.of(image.digest()),
                Optional.of(ATTESTATION), Map.of(), List.of(config.digest(), attPayload.digest())), Optional.empty(),
                List.of(config, attPayload));

        store.manifests().put(R, image, Optional.empty(), List.of(), List.of(signature, attestation));

        assertEquals(3, storedContentUnits(store));
        assertArrayEquals(config.content(), read(config.digest(), 0, config.content().length, 4096, true));
    }

    @Test
    void companionMayReferenceBlobsAndManifestsTheRepositoryHolds() {
        StoredManifest image = manifest("{\"image\":9}");
        BlobInfo linked = push("r", bytes(100, 9));
        StoredManifest index = manifest("{\"index\":9}", Optional.of(image.digest()), Optional.of(ATTESTATION),
                Map.of(), List.of(linked.digest(), image.digest()));

        store.manifests().put(R, image, Optional.empty(), List.of(),
                List.of(new Companion(index, Optional.empty(), List.of())));

        assertTrue(store.manifests().get(R, index.digest()).isPresent());
    }

    @Test
    void companionWithAReferenceTheRepositoryLacksIsRefusedAndNothingIsStored() {
        StoredManifest image = manifest("{\"image\":10}");
        Companion valid = companion(image, "sig", SIGNATURE, Optional.of(sigTag(image)));
        Digest missing = digestOf(new byte[] {10});
        Companion dangling = new Companion(manifest("{\"att\":10}", Optional.of(image.digest()),
                Optional.of(ATTESTATION), Map.of(), List.of(missing)), Optional.of(tag("att")), List.of());

        assertThrows(IllegalArgumentException.class, () -> store.manifests().put(R, image, Optional.of(tag("v1")),
                List.of(), List.of(valid, dangling)));

        assertNothingStored(image, valid, dangling);
    }

    @Test
    void ofCompanionsWithOneTagTheFirstIsTaggedAndBothAreStored() {
        StoredManifest image = manifest("{\"image\":11}");
        Companion first = companion(image, "first", SIGNATURE, Optional.of(sigTag(image)));
        Companion second = companion(image, "second", ATTESTATION, Optional.of(sigTag(image)));

        store.manifests().put(R, image, Optional.empty(), List.of(), List.of(first, second));

        assertEquals(Optional.of(first.manifest().digest()), store.tags().resolve(R, sigTag(image)));
        assertTrue(store.manifests().get(R, second.manifest().digest()).isPresent());
    }

    @Test
    void aCompanionTaggedAsTheManifestLeavesTheTagToTheManifest() {
        StoredManifest image = manifest("{\"image\":12}");
        Companion signature = companion(image, "sig", SIGNATURE, Optional.of(tag("v1")));

        store.manifests().put(R, image, Optional.of(tag("v1")), List.of(), List.of(signature));

        assertEquals(Optional.of(image.digest()), store.tags().resolve(R, tag("v1")));
        assertTrue(store.manifests().get(R, signature.manifest().digest()).isPresent());
    }

    @Test
    void companionBlobItDoesNotReferenceIsRefused() {
        StoredManifest image = manifest("{\"image\":13}");
        SmallBlob stray = blob("{\"stray\":13}");
        Companion signature = new Companion(manifest("{\"sig\":13}", Optional.of(image.digest()), List.of()),
                Optional.empty(), List.of(stray));

        assertThrows(IllegalArgumentException.class, () -> store.manifests().put(R, image, Optional.empty(),
                List.of(), List.of(signature)));

        assertNothingStored(image, signature);
    }

    @Test
    void deleteTakesReferrersOfTheDependentArtifactTypesAlongAndKeepsOthers() {
        StoredManifest image = manifest("{\"image\":20}");
        Companion signature = companion(image, "sig", SIGNATURE, Optional.of(sigTag(image)));
        Companion attestation = companion(image, "att", ATTESTATION, Optional.empty());
        store.manifests().put(R, image, Optional.of(tag("v1")), List.of(), List.of(signature, attestation));
        StoredManifest sbom = manifest("{\"sbom\":20}", Optional.of(image.digest()), Optional.of("application/sbom"),
                Map.of(), List.of());
        store.manifests().put(R, sbom, Optional.of(tag("sbom")));
        store.manifests().put(repo("r/copy"), image, Optional.empty(), List.of(), List.of(signature));

        assertTrue(store.manifests().delete(R, image.digest(), new Dependents(Set.of(SIGNATURE), Set.of(), m -> true)));

        assertEquals(Optional.empty(), store.manifests().get(R, image.digest()));
        assertEquals(Optional.empty(), store.manifests().get(R, signature.manifest().digest()));
        assertEquals(Optional.empty(), store.tags().resolve(R, sigTag(image)));
        assertTrue(store.manifests().get(R, attestation.manifest().digest()).isPresent());
        assertEquals(List.of(referrer(image, attestation), referrer(image, sbom)).stream()
                        .sorted(java.util.Comparator.comparing(referrer -> referrer.digest().toString())).toList(),
                store.referrers().list(R, image.digest()));
        assertEquals(tags("sbom"), store.tags().list(R, Optional.empty(), 10));
        for (SmallBlob blob : signature.blobs()) {
            assertTrue(store.blobs().stat(R, blob.digest()).isPresent(), "blobs and their links stay");
        }
        assertTrue(store.manifests().get(repo("r/copy"), signature.manifest().digest()).isPresent());
    }

    @Test
    void deleteTakesWhatTheDependentTagsPointAtWithAllItsTags() {
        StoredManifest image = manifest("{\"image\":21}");
        StoredManifest clientSignature = manifest("{\"client-sig\":21}");
        store.manifests().put(R, clientSignature, Optional.of(sigTag(image)));
        store.manifests().put(R, clientSignature, Optional.of(tag("also")));
        store.manifests().put(R, image, Optional.of(tag("v1")));
        store.manifests().put(R, manifest("{\"other\":21}"), Optional.of(tag("other")));

        assertTrue(store.manifests().delete(R, image.digest(), new Dependents(Set.of(), Set.of(sigTag(image)), m -> true)));

        assertEquals(Optional.empty(), store.manifests().get(R, clientSignature.digest()));
        assertEquals(tags("other"), store.tags().list(R, Optional.empty(), 10));
    }

    @Test
    void aDependentTagWhoseManifestTheFilterRefusesStaysWithItsManifest() {
        StoredManifest image = manifest("{\"image\":23}");
        StoredManifest ordinary = manifest("{\"ordinary\":23}");
        store.manifests().put(R, ordinary, Optional.of(sigTag(image)));
        store.manifests().put(R, ordinary, Optional.of(tag("latest")));
        store.manifests().put(R, image, Optional.of(tag("v1")));

        assertTrue(store.manifests().delete(R, image.digest(),
                new Dependents(Set.of(), Set.of(sigTag(image)), m -> !m.digest().equals(ordinary.digest()))));

        assertTrue(store.manifests().get(R, ordinary.digest()).isPresent());
        assertEquals(Optional.of(ordinary.digest()), store.tags().resolve(R, tag("latest")));
        assertEquals(Optional.of(ordinary.digest()), store.tags().resolve(R, sigTag(image)));
    }

    @Test
    void deleteOfAnUnknownManifestTakesNoDependentAlong() {
        StoredManifest image = manifest("{\"image\":22}");
        StoredManifest signature = manifest("{\"sig\":22}", Optional.of(image.digest()), Optional.of(SIGNATURE),
                Map.of(), List.of());
        store.manifests().put(R, signature, Optional.of(sigTag(image)));

        assertFalse(store.manifests().delete(R, image.digest(),
                new Dependents(Set.of(SIGNATURE), Set.of(sigTag(image)), m -> true)));

        assertTrue(store.manifests().get(R, signature.digest()).isPresent());
        assertEquals(Optional.of(signature.digest()), store.tags().resolve(R, sigTag(image)));
        assertEquals(1, store.referrers().list(R, image.digest()).size());
    }

    @Test
    void companionsAndDeletedDependentsReadTheSameAfterAReopen() {
        StoredManifest kept = manifest("{\"kept\":23}");
        StoredManifest deleted = manifest("{\"deleted\":23}");
        Companion keptSignature = companion(kept, "kept-sig", SIGNATURE, Optional.of(sigTag(kept)));
        Companion deletedSignature = companion(deleted, "deleted-sig", SIGNATURE, Optional.of(sigTag(deleted)));
        store.manifests().put(R, kept, Optional.of(tag("kept")), List.of(), List.of(keptSignature));
        store.manifests().put(R, deleted, Optional.of(tag("deleted")), List.of(), List.of(deletedSignature));
        store.manifests().delete(R, deleted.digest(), new Dependents(Set.of(), Set.of(sigTag(deleted)), m -> true));

        reopen();

        assertArrayEquals(keptSignature.manifest().content(),
                store.manifests().get(R, keptSignature.manifest().digest()).orElseThrow().content());
        SmallBlob payload = keptSignature.blobs().get(1);
        assertArrayEquals(payload.content(), read(payload.digest(), 0, payload.content().length, 4096, true));
        assertEquals(List.of(referrer(kept, keptSignature)), store.referrers().list(R, kept.digest()));
        assertEquals(List.of(tag("kept"), sigTag(kept)), store.tags().list(R, Optional.empty(), 10));
        assertEquals(Optional.empty(), store.manifests().get(R, deletedSignature.manifest().digest()));
        assertEquals(List.of(), store.referrers().list(R, deleted.digest()));
    }

    private void assertNothingStored(StoredManifest image, Companion... companions) {
        assertEquals(Optional.empty(), store.manifests().get(R, image.digest()));
        assertFalse(store.repositories().exists(R));
        assertEquals(List.of(), store.referrers().list(R, image.digest()));
        for (Companion companion : companions) {
            assertEquals(Optional.empty(), store.manifests().get(R, companion.manifest().digest()));
            companion.tag().ifPresent(tag -> assertEquals(Optional.empty(), store.tags().resolve(R, tag)));
            for (SmallBlob blob : companion.blobs()) {
                assertEquals(Optional.empty(), store.blobs().stat(blob.digest()));
            }
        }
        assertEquals(0, storedContentUnits(store));
    }

    /** A signature-like companion of {@code subject}: a config and a payload blob, both its own. */
    private static Companion companion(StoredManifest subject, String name, String artifactType, Optional<Tag> tag) {
        SmallBlob config = blob("{\"config\":\"" + name + "\",\"of\":\"" + subject.digest() + "\"}");
        SmallBlob payload = blob("{\"payload\":\"" + name + "\",\"of\":\"" + subject.digest() + "\"}");
        StoredManifest manifest = manifest("{\"" + name + "\":\"" + subject.digest() + "\"}",
                Optional.of(subject.digest()), Optional.of(artifactType), Map.of("org.example.kind", name),
                List.of(config.digest(), payload.digest()));
        return new Companion(manifest, tag, List.of(config, payload));
    }

    private static SmallBlob blob(String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        return new SmallBlob(digestOf(content), content);
    }

    /** The tag cosign gives the signature of {@code manifest}. */
    private static Tag sigTag(StoredManifest manifest) {
        return tag(manifest.digest().algorithm().id() + "-" + manifest.digest().hex() + ".sig");
    }

    private static Referrer referrer(StoredManifest subject, Companion companion) {
        return referrer(subject, companion.manifest());
    }

    private static Referrer referrer(StoredManifest subject, StoredManifest manifest) {
        return new Referrer(subject.digest(), manifest.digest(), manifest.mediaType(), manifest.content().length,
                manifest.artifactType(), manifest.annotations());
    }
}
