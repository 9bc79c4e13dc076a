package io.huruhuru.storage.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.manifest.StoredManifest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link AttachmentStore}, run against each implementation. */
public abstract class AttachmentStoreContract extends StoreContract {

    private static final RepositoryName R = repo("r");
    private static final AttachmentRole REPORT = AttachmentRole.parse("report");

    @Test
    void attachmentIsKeptWithItsManifestInItsRepositoryOnly() {
        StoredManifest manifest = manifest("{\"checked\":1}");
        byte[] report = {'o', 'k'};

        store.manifests().put(R, manifest, Optional.of(tag("t")), List.of(new ManifestAttachment(REPORT, report)));
        reopen();

        assertArrayEquals(report, store.attachments().get(R, manifest.digest(), REPORT).orElseThrow());
        assertEquals(Optional.empty(), store.attachments().get(repo("r/s"), manifest.digest(), REPORT));
        assertEquals(Optional.empty(), store.attachments().get(R, manifest.digest(), AttachmentRole.parse("other")));
    }

    @Test
    void pushingAgainReplacesAnAttachmentAndAPutWithoutOneKeepsIt() {
        StoredManifest manifest = manifest("{\"checked\":2}");
        store.manifests().put(R, manifest, Optional.empty(), List.of(new ManifestAttachment(REPORT, new byte[] {1})));
        store.manifests().put(R, manifest, Optional.empty(), List.of(new ManifestAttachment(REPORT, new byte[] {2})));
        store.manifests().put(R, manifest, Optional.of(tag("t")));

        assertArrayEquals(new byte[] {2}, store.attachments().get(R, manifest.digest(), REPORT).orElseThrow());
    }

    @Test
    void aRepositoryHoldsARoleOnlyWhileOneOfItsManifestsHasAnAttachmentOfIt() {
        StoredManifest checked = manifest("{\"checked\":4}");
        StoredManifest plain = manifest("{\"plain\":1}");
        store.manifests().put(R, plain, Optional.empty());
        assertFalse(store.attachments().holdsAny(R, REPORT));

        store.manifests().put(R, checked, Optional.empty(), List.of(new ManifestAttachment(REPORT, new byte[] {1})));

        assertTrue(store.attachments().holdsAny(R, REPORT));
        assertFalse(store.attachments().holdsAny(R, AttachmentRole.parse("signature")));
        assertFalse(store.attachments().holdsAny(R, AttachmentRole.parse("repor")));
        assertFalse(store.attachments().holdsAny(repo("r/s"), REPORT));
        assertFalse(store.attachments().holdsAny(repo("rs"), REPORT));
        store.manifests().delete(R, checked.digest());
        assertFalse(store.attachments().holdsAny(R, REPORT));
    }
}
