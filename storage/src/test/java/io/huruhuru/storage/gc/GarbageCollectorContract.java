package io.huruhuru.storage.gc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.upload.UploadSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Marking from every root and sweeping what nothing references, without retention. */
public abstract class GarbageCollectorContract extends CollectorFixtures {

    @Test
    void anUnreferencedBlobGoesAndATaggedManifestsBlobsStay() {
        BlobInfo layer = pushBlob(A, 3 * MIB + 5, 1);
        BlobInfo config = pushBlob(A, 100, 2);
        BlobInfo stray = pushBlob(A, 2 * MIB, 3);
        store.manifests().put(A, image("tagged", config, layer), Optional.of(tag("v1")));

        CollectionReport report = collect(Duration.ZERO);

        assertTrue(readable(layer) && readable(config), "the tagged manifest's blobs stay");
        assertEquals(Optional.empty(), store.blobs().stat(stray.digest()));
        assertEquals(Optional.empty(), store.blobs().stat(A, stray.digest()), "its link goes with it");
        assertEquals(1, report.blobsDeleted());
        assertEquals(stray.size(), report.bytesFreed());
        assertEquals(2, report.blobsMarked());
        assertEquals(1, report.manifestsMarked());
        assertEquals(List.of(new Removal(Removal.Kind.BLOB, Optional.empty(), stray.digest().toString(),
                report.removals().get(0).reason())), report.removals());
    }

    @Test
    void anUntaggedManifestKeepsItsBlobsWithoutRetention() {
        BlobInfo layer = pushBlob(A, 1000, 4);
        store.manifests().put(A, image("untagged", layer), Optional.empty());

        CollectionReport report = collect(Duration.ZERO);

        assertTrue(readable(layer));
        assertEquals(0, report.blobsDeleted());
        assertEquals(0, report.manifestsDeleted());
    }

    @Test
    void theBlobsOfADeletedManifestGoOnceTheGracePeriodHasPassedSinceTheDelete() {
        BlobInfo layer = pushBlob(A, MIB, 5);
        StoredManifest manifest = image("deleted", layer);
        store.manifests().put(A, manifest, Optional.of(tag("v1")));
        pause(300);
        store.manifests().delete(A, manifest.digest());

        CollectionReport early = collect(Duration.ofMillis(250));
        assertTrue(readable(layer), "unreferenced since the delete, for less than the grace period");
        assertEquals(0, early.blobsDeleted());

        pause(300);
        CollectionReport late = collect(Duration.ofMillis(250));
        assertFalse(readable(layer));
        assertEquals(1, late.blobsDeleted());
    }

    @Test
    void aBlobWhoseManifestArrivesAfterTheCollectionBeganIsKept() {
        BlobInfo layer = pushBlob(A, MIB, 6);

        CollectionReport during = collect(Duration.ofHours(1));
        store.manifests().put(A, image("late", layer), Optional.of(tag("v1")));
        CollectionReport after = collect(Duration.ofHours(1));

        assertTrue(readable(layer));
        assertEquals(0, during.blobsDeleted() + after.blobsDeleted());
    }

    @Test
    void anIndexChildsBlobsStayWhileTheIndexDoes() {
        BlobInfo layer = pushBlob(A, 2000, 7);
        StoredManifest child = image("child", layer);
        store.manifests().put(A, child, Optional.empty());
        StoredManifest index = manifest("index", Optional.empty(), List.of(child.digest()));
        store.manifests().put(A, index, Optional.of(tag("multi")));

        collect(Duration.ZERO);

        assertTrue(readable(layer));
        assertTrue(store.manifests().get(A, child.digest()).isPresent());
    }

    @Test
    void aBlobSharedByTwoRepositoriesStaysUntilNoManifestOfEitherReferencesIt() {
        BlobInfo shared = pushBlob(A, MIB + 1, 8);
        store.blobs().link(B, shared.digest());
        StoredManifest inA = image("in a", shared);
        StoredManifest inB = image("in b", shared);
        store.manifests().put(A, inA, Optional.of(tag("v1")));
        store.manifests().put(B, inB, Optional.of(tag("v1")));

        store.manifests().delete(A, inA.digest());
        collect(Duration.ZERO);
        assertTrue(readable(shared), "B's manifest still references it");
        assertTrue(store.blobs().stat(A, shared.digest()).isPresent(), "a referenced blob keeps all its links");

        store.manifests().delete(B, inB.digest());
        CollectionReport report = collect(Duration.ZERO);
        assertFalse(readable(shared));
        assertEquals(0, store.repositories().usage(A));
        assertEquals(0, store.repositories().usage(B));
        assertEquals(shared.size(), report.bytesFreed());
    }

    @Test
    void anOpenUploadsContentIsKept() {
        byte[] content = bytes(3 * MIB, 9);
        UploadSession session = store.uploads().start(A, DigestAlgorithm.SHA256);
        UploadSession.Writer chunk = session.receiveChunk();
        appendInPieces(chunk, content, 0, 2 * MIB, 64 * 1024);
        chunk.finish();

        CollectionReport report = collect(Duration.ZERO);

        UploadSession.Writer last = store.uploads().find(A, session.id()).receiveFinal();
        appendInPieces(last, content, 2 * MIB, content.length, 64 * 1024);
        BlobInfo blob = last.commit(digestOf(content));
        assertArrayEquals(content, read(blob.digest(), 0, blob.size(), 64 * 1024, false));
        assertEquals(1, report.uploadsKept());
        assertEquals(0, report.blobsDeleted());
    }

    @Test
    void aDryRunReportsWhatWouldGoAndDeletesNothing() {
        BlobInfo stray = pushBlob(A, 4096, 10);

        pause(5);
        CollectionReport report = store.collector().collect(new CollectionRequest(Duration.ZERO, true, List.of(), 10));

        assertTrue(readable(stray));
        assertEquals(1, report.blobsDeleted());
        assertEquals(4096, report.bytesFreed());
        assertEquals(stray.digest().toString(), report.removals().get(0).what());
        assertEquals(4096, store.repositories().usage(A));
    }

    @Test
    void aCollectionKeepsUsageRightAndUsageSurvivesARestart() {
        BlobInfo kept = pushBlob(A, 5000, 11);
        BlobInfo stray = pushBlob(A, 7000, 12);
        store.manifests().put(A, image("kept", kept), Optional.of(tag("v1")));
        assertEquals(12000, store.repositories().usage(A));

        collect(Duration.ZERO);
        assertEquals(5000, store.repositories().usage(A));
        reopen();
        assertEquals(5000, store.repositories().usage(A));
        assertTrue(readable(kept));
        assertFalse(readable(stray));
    }
}
