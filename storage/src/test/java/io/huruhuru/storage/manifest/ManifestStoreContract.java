package io.huruhuru.storage.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.referrer.Referrer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link ManifestStore}, run against each implementation. */
public abstract class ManifestStoreContract extends StoreContract {

    @Test
    void putManifestReadsBackWithEveryField() {
        StoredManifest manifest = manifest("{\"a\":1}", Optional.of(sha256(new byte[] {1})),
                List.of(sha256(new byte[] {2}), sha256(new byte[] {3})));

        store.manifests().put("r", manifest, Optional.empty(), Optional.empty());

        StoredManifest read = store.manifests().get("r", manifest.digest()).orElseThrow();
        assertEquals(manifest.digest(), read.digest());
        assertEquals(manifest.mediaType(), read.mediaType());
        assertArrayEquals(manifest.content(), read.content());
        assertEquals(manifest.subject(), read.subject());
        assertEquals(manifest.artifactType(), read.artifactType());
        assertEquals(manifest.references(), read.references());
        assertTrue(store.repositories().exists("r"));
    }

    @Test
    void manifestWithoutOptionalFieldsReadsBack() {
        byte[] content = new byte[0];
        StoredManifest manifest = new StoredManifest(sha256(content), "m", content, Optional.empty(),
                Optional.empty(), List.of());
        store.manifests().put("r", manifest, Optional.empty(), Optional.empty());
        StoredManifest read = store.manifests().get("r", manifest.digest()).orElseThrow();
        assertEquals(Optional.empty(), read.subject());
        assertEquals(Optional.empty(), read.artifactType());
        assertEquals(List.of(), read.references());
    }

    @Test
    void manifestIsVisibleOnlyInItsRepository() {
        StoredManifest manifest = manifest("{}");
        store.manifests().put("a", manifest, Optional.of("latest"), Optional.empty());
        assertEquals(Optional.empty(), store.manifests().get("a/b", manifest.digest()));
        assertEquals(Optional.empty(), store.manifests().get("ab", manifest.digest()));
        assertEquals(Optional.empty(), store.tags().resolve("ab", "latest"));
    }

    @Test
    void puttingTheSameManifestAgainOnlyAddsTheTag() {
        StoredManifest manifest = manifest("{\"v\":1}");
        store.manifests().put("r", manifest, Optional.of("one"), Optional.empty());

        store.manifests().put("r", manifest, Optional.of("two"), Optional.empty());

        assertEquals(Optional.of(manifest.digest()), store.tags().resolve("r", "one"));
        assertEquals(Optional.of(manifest.digest()), store.tags().resolve("r", "two"));
        assertArrayEquals(manifest.content(), store.manifests().get("r", manifest.digest()).orElseThrow().content());
    }

    @Test
    void putMovesAnExistingTag() {
        StoredManifest first = manifest("{\"v\":1}");
        StoredManifest second = manifest("{\"v\":2}");
        store.manifests().put("r", first, Optional.of("latest"), Optional.empty());

        store.manifests().put("r", second, Optional.of("latest"), Optional.empty());

        assertEquals(Optional.of(second.digest()), store.tags().resolve("r", "latest"));
        assertTrue(store.manifests().get("r", first.digest()).isPresent());
    }

    @Test
    void deleteRemovesTheManifestItsTagsAndItsReferrerEntry() {
        StoredManifest subject = manifest("{\"subject\":1}");
        StoredManifest signature = manifest("{\"sig\":1}", Optional.of(subject.digest()), List.of());
        StoredManifest other = manifest("{\"other\":1}");
        Referrer referrer = new Referrer(subject.digest(), signature.digest(), signature.mediaType(),
                signature.content().length, Optional.of("application/sig"), Map.of());
        store.manifests().put("r", subject, Optional.of("v1"), Optional.empty());
        store.manifests().put("r", signature, Optional.of("sig-a"), Optional.of(referrer));
        store.manifests().put("r", signature, Optional.of("sig-b"), Optional.empty());
        store.manifests().put("r", other, Optional.of("other"), Optional.empty());
        store.manifests().put("r/sub", signature, Optional.of("sig-a"), Optional.of(referrer));
        assertEquals(List.of(referrer), store.referrers().list("r", subject.digest()));

        assertTrue(store.manifests().delete("r", signature.digest()));

        assertEquals(Optional.empty(), store.manifests().get("r", signature.digest()));
        assertEquals(Optional.empty(), store.tags().resolve("r", "sig-a"));
        assertEquals(Optional.empty(), store.tags().resolve("r", "sig-b"));
        assertEquals(List.of("other", "v1"), store.tags().list("r", Optional.empty(), 10));
        assertEquals(List.of(), store.referrers().list("r", subject.digest()));
        assertEquals(Optional.of(signature.digest()), store.tags().resolve("r/sub", "sig-a"));
        assertEquals(List.of(referrer), store.referrers().list("r/sub", subject.digest()));
        assertFalse(store.manifests().delete("r", signature.digest()));
    }

    @Test
    void deleteOfUnknownManifestReturnsFalse() {
        assertFalse(store.manifests().delete("r", sha256(new byte[] {1})));
    }

    @Test
    void manifestsSurviveARestart() {
        StoredManifest manifest = manifest("{\"keep\":1}");
        store.manifests().put("r", manifest, Optional.of("t"), Optional.empty());

        reopen();

        assertArrayEquals(manifest.content(), store.manifests().get("r", manifest.digest()).orElseThrow().content());
        assertEquals(Optional.of(manifest.digest()), store.tags().resolve("r", "t"));
    }

    @Test
    void validationReportIsKeptWithItsManifestInItsRepositoryOnly() {
        StoredManifest manifest = manifest("{\"checked\":1}");
        byte[] report = {'o', 'k'};

        store.manifests().put("r", manifest, Optional.of("t"), Optional.empty(), Optional.of(report));
        reopen();

        assertArrayEquals(report, store.manifests().validationReport("r", manifest.digest()).orElseThrow());
        assertEquals(Optional.empty(), store.manifests().validationReport("r/s", manifest.digest()));
    }

    @Test
    void pushingAgainReplacesTheReportAndAPutWithoutOneKeepsIt() {
        StoredManifest manifest = manifest("{\"checked\":2}");
        store.manifests().put("r", manifest, Optional.empty(), Optional.empty(), Optional.of(new byte[] {1}));
        store.manifests().put("r", manifest, Optional.empty(), Optional.empty(), Optional.of(new byte[] {2}));
        store.manifests().put("r", manifest, Optional.of("t"), Optional.empty());

        assertArrayEquals(new byte[] {2}, store.manifests().validationReport("r", manifest.digest()).orElseThrow());
    }

    @Test
    void deletingTheManifestDeletesItsReport() {
        StoredManifest manifest = manifest("{\"checked\":3}");
        store.manifests().put("r", manifest, Optional.empty(), Optional.empty(), Optional.of(new byte[] {1}));

        store.manifests().delete("r", manifest.digest());

        assertEquals(Optional.empty(), store.manifests().validationReport("r", manifest.digest()));
    }

    @Test
    void aRepositoryHoldsValidationReportsOnlyWhileOneOfItsManifestsHasOne() {
        StoredManifest checked = manifest("{\"checked\":4}");
        StoredManifest plain = manifest("{\"plain\":1}");
        store.manifests().put("r", plain, Optional.empty(), Optional.empty());
        assertFalse(store.manifests().holdsValidationReports("r"));

        store.manifests().put("r", checked, Optional.empty(), Optional.empty(), Optional.of(new byte[] {1}));

        assertTrue(store.manifests().holdsValidationReports("r"));
        assertFalse(store.manifests().holdsValidationReports("r/s"));
        assertFalse(store.manifests().holdsValidationReports("rs"));
        store.manifests().delete("r", checked.digest());
        assertFalse(store.manifests().holdsValidationReports("r"));
    }
}
