package io.huruhuru.storage.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.attachment.AttachmentRole;
import io.huruhuru.storage.attachment.ManifestAttachment;
import io.huruhuru.storage.referrer.Referrer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link ManifestStore}, run against each implementation. */
public abstract class ManifestStoreContract extends StoreContract {

    private static final RepositoryName R = repo("r");
    private static final AttachmentRole REPORT = AttachmentRole.parse("report");

    @Test
    void putManifestReadsBackWithEveryField() {
        StoredManifest manifest = manifest("{\"a\":1}", Optional.of(digestOf(new byte[] {1})), Optional.of("a/b"),
                Map.of("k", "v"), List.of(digestOf(new byte[] {2}), digestOf(new byte[] {3})));

        store.manifests().put(R, manifest, Optional.empty());

        StoredManifest read = store.manifests().get(R, manifest.digest()).orElseThrow();
        assertEquals(manifest.digest(), read.digest());
        assertEquals(manifest.mediaType(), read.mediaType());
        assertArrayEquals(manifest.content(), read.content());
        assertEquals(manifest.subject(), read.subject());
        assertEquals(manifest.artifactType(), read.artifactType());
        assertEquals(manifest.annotations(), read.annotations());
        assertEquals(manifest.references(), read.references());
        assertTrue(store.repositories().exists(R));
    }

    @Test
    void manifestWithoutOptionalFieldsReadsBack() {
        byte[] content = new byte[0];
        StoredManifest manifest = new StoredManifest(digestOf(content), "m", content, Optional.empty(),
                Optional.empty(), Map.of(), List.of());
        store.manifests().put(R, manifest, Optional.empty());
        StoredManifest read = store.manifests().get(R, manifest.digest()).orElseThrow();
        assertEquals(Optional.empty(), read.subject());
        assertEquals(Optional.empty(), read.artifactType());
        assertEquals(Map.of(), read.annotations());
        assertEquals(List.of(), read.references());
    }

    @Test
    void manifestIsVisibleOnlyInItsRepository() {
        StoredManifest manifest = manifest("{}");
        store.manifests().put(repo("a"), manifest, Optional.of(tag("latest")));
        assertEquals(Optional.empty(), store.manifests().get(repo("a/b"), manifest.digest()));
        assertEquals(Optional.empty(), store.manifests().get(repo("ab"), manifest.digest()));
        assertEquals(Optional.empty(), store.tags().resolve(repo("ab"), tag("latest")));
    }

    @Test
    void puttingTheSameManifestAgainOnlyAddsTheTag() {
        StoredManifest manifest = manifest("{\"v\":1}");
        store.manifests().put(R, manifest, Optional.of(tag("one")));

        store.manifests().put(R, manifest, Optional.of(tag("two")));

        assertEquals(Optional.of(manifest.digest()), store.tags().resolve(R, tag("one")));
        assertEquals(Optional.of(manifest.digest()), store.tags().resolve(R, tag("two")));
        assertArrayEquals(manifest.content(), store.manifests().get(R, manifest.digest()).orElseThrow().content());
    }

    @Test
    void putMovesAnExistingTag() {
        StoredManifest first = manifest("{\"v\":1}");
        StoredManifest second = manifest("{\"v\":2}");
        store.manifests().put(R, first, Optional.of(tag("latest")));

        store.manifests().put(R, second, Optional.of(tag("latest")));

        assertEquals(Optional.of(second.digest()), store.tags().resolve(R, tag("latest")));
        assertTrue(store.manifests().get(R, first.digest()).isPresent());
    }

    @Test
    void putRecordsAManifestWithASubjectAsItsReferrer() {
        StoredManifest subject = manifest("{\"subject\":1}");
        StoredManifest signature = manifest("{\"sig\":1}", Optional.of(subject.digest()), Optional.of("application/sig"),
                Map.of("org.example.signer", "me"), List.of());

        store.manifests().put(R, signature, Optional.empty());

        Referrer expected = new Referrer(subject.digest(), signature.digest(), signature.mediaType(),
                signature.content().length, Optional.of("application/sig"), Map.of("org.example.signer", "me"));
        assertEquals(List.of(expected), store.referrers().list(R, subject.digest()));
    }

    @Test
    void deleteRemovesTheManifestItsTagsAndItsReferrerEntry() {
        StoredManifest subject = manifest("{\"subject\":1}");
        StoredManifest signature = manifest("{\"sig\":1}", Optional.of(subject.digest()), List.of());
        StoredManifest other = manifest("{\"other\":1}");
        store.manifests().put(R, subject, Optional.of(tag("v1")));
        store.manifests().put(R, signature, Optional.of(tag("sig-a")));
        store.manifests().put(R, signature, Optional.of(tag("sig-b")));
        store.manifests().put(R, other, Optional.of(tag("other")));
        store.manifests().put(repo("r/sub"), signature, Optional.of(tag("sig-a")));
        List<Referrer> referrers = store.referrers().list(R, subject.digest());
        assertEquals(1, referrers.size());

        assertTrue(store.manifests().delete(R, signature.digest()));

        assertEquals(Optional.empty(), store.manifests().get(R, signature.digest()));
        assertEquals(Optional.empty(), store.tags().resolve(R, tag("sig-a")));
        assertEquals(Optional.empty(), store.tags().resolve(R, tag("sig-b")));
        assertEquals(tags("other", "v1"), store.tags().list(R, Optional.empty(), 10));
        assertEquals(List.of(), store.referrers().list(R, subject.digest()));
        assertEquals(Optional.of(signature.digest()), store.tags().resolve(repo("r/sub"), tag("sig-a")));
        assertEquals(referrers, store.referrers().list(repo("r/sub"), subject.digest()));
        assertFalse(store.manifests().delete(R, signature.digest()));
    }

    @Test
    void deleteOfUnknownManifestReturnsFalse() {
        assertFalse(store.manifests().delete(R, digestOf(new byte[] {1})));
    }

    @Test
    void manifestsSurviveARestart() {
        StoredManifest manifest = manifest("{\"keep\":1}");
        store.manifests().put(R, manifest, Optional.of(tag("t")));

        reopen();

        assertArrayEquals(manifest.content(), store.manifests().get(R, manifest.digest()).orElseThrow().content());
        assertEquals(Optional.of(manifest.digest()), store.tags().resolve(R, tag("t")));
    }

    @Test
    void attachmentsOfEveryRoleAreKeptApartAndDeletedWithTheManifest() {
        StoredManifest manifest = manifest("{\"checked\":3}");
        StoredManifest other = manifest("{\"checked\":33}");
        AttachmentRole signature = AttachmentRole.parse("signature");
        AttachmentRole preview = AttachmentRole.parse("preview.report");
        store.manifests().put(R, manifest, Optional.empty(), List.of(new ManifestAttachment(REPORT, new byte[] {1}),
                new ManifestAttachment(signature, new byte[] {2}), new ManifestAttachment(preview, new byte[] {3})));
        store.manifests().put(R, other, Optional.empty(), List.of(new ManifestAttachment(signature, new byte[] {4})));
        assertArrayEquals(new byte[] {2}, store.attachments().get(R, manifest.digest(), signature).orElseThrow());

        store.manifests().delete(R, manifest.digest());

        for (AttachmentRole role : List.of(REPORT, signature, preview)) {
            assertEquals(Optional.empty(), store.attachments().get(R, manifest.digest(), role), role.name());
        }
        assertArrayEquals(new byte[] {4}, store.attachments().get(R, other.digest(), signature).orElseThrow());
    }

    @Test
    void twoAttachmentsOfOneRoleAreRefusedAndNothingIsStored() {
        StoredManifest manifest = manifest("{\"twice\":1}");

        assertThrows(IllegalArgumentException.class, () -> store.manifests().put(R, manifest, Optional.empty(),
                List.of(new ManifestAttachment(REPORT, new byte[] {1}), new ManifestAttachment(REPORT, new byte[] {2}))));

        assertEquals(Optional.empty(), store.manifests().get(R, manifest.digest()));
    }
}
