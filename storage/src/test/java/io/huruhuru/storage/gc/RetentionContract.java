package io.huruhuru.storage.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.attachment.AttachmentRole;
import io.huruhuru.storage.attachment.ManifestAttachment;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.manifest.StoredManifest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Retention rules: which tags and manifests they remove, and that a dry run only lists them. */
public abstract class RetentionContract extends CollectorFixtures {

    private static RetentionRule rule(List<Pattern> keepTags, OptionalInt keepLast, Optional<Duration> within,
            Optional<Duration> untaggedAfter, boolean follow) {
        return new RetentionRule("test", repository -> repository.equals(A), keepTags, keepLast, within,
                untaggedAfter, follow);
    }

    private CollectionReport retain(RetentionRule rule, boolean dryRun) {
        pause(5);
        return store.collector().collect(new CollectionRequest(Duration.ZERO, dryRun, List.of(rule), 3));
    }

    private boolean stored(RepositoryName repository, StoredManifest manifest) {
        return store.manifests().get(repository, manifest.digest()).isPresent();
    }

    @Test
    void keepLastKeepsTheMostRecentlyPushedTagsAndTheRestGoWithTheirBlobs() {
        BlobInfo[] layers = new BlobInfo[4];
        StoredManifest[] images = new StoredManifest[4];
        for (int i = 0; i < 4; i++) {
            layers[i] = pushBlob(A, 1000 + i, 100 + i);
            images[i] = image("build " + i, layers[i]);
            store.manifests().put(A, images[i], Optional.of(tag("b" + i)));
            pause(3); // distinct push times
        }

        CollectionReport report = retain(rule(List.of(), OptionalInt.of(2), Optional.empty(), Optional.empty(),
                false), false);

        assertEquals(tags("b2", "b3"), store.tags().list(A, Optional.empty(), 10));
        assertFalse(stored(A, images[0]) || stored(A, images[1]));
        assertTrue(stored(A, images[2]) && stored(A, images[3]));
        assertTrue(readable(layers[0]), "unreferenced only since the retention, not for the grace period yet");
        assertEquals(2, report.tagsDeleted());
        assertEquals(2, report.manifestsDeleted());
        assertEquals(0, report.blobsDeleted());

        CollectionReport next = collect(Duration.ZERO);
        assertFalse(readable(layers[0]) || readable(layers[1]));
        assertTrue(readable(layers[2]) && readable(layers[3]));
        assertEquals(2, next.blobsDeleted());
    }

    @Test
    void tagsMatchingAKeptPatternStayHoweverOld() {
        StoredManifest release = image("release");
        StoredManifest nightly = image("nightly");
        store.manifests().put(A, release, Optional.of(tag("v1.0")));
        store.manifests().put(A, nightly, Optional.of(tag("nightly-1")));

        retain(rule(List.of(Pattern.compile("v.*")), OptionalInt.of(0), Optional.empty(), Optional.empty(), false),
                false);

        assertEquals(tags("v1.0"), store.tags().list(A, Optional.empty(), 10));
        assertFalse(stored(A, nightly));
    }

    @Test
    void aPullWithinTheDurationKeepsATag() {
        StoredManifest pulled = image("pulled");
        StoredManifest idle = image("idle");
        store.manifests().put(A, pulled, Optional.of(tag("p")));
        store.manifests().put(A, idle, Optional.of(tag("i")));
        pause(400);
        store.manifests().recordPull(A, pulled.digest());

        retain(rule(List.of(), OptionalInt.empty(), Optional.of(Duration.ofMillis(300)), Optional.empty(), false),
                false);

        assertEquals(tags("p"), store.tags().list(A, Optional.empty(), 10));
        assertFalse(stored(A, idle));
    }

    @Test
    void untaggedManifestsGoOnlyAfterTheirDelayAndIndexChildrenStay() {
        BlobInfo layer = pushBlob(A, 3000, 200);
        StoredManifest untagged = image("untagged", layer);
        StoredManifest child = image("child");
        store.manifests().put(A, untagged, Optional.empty());
        store.manifests().put(A, child, Optional.empty());
        store.manifests().put(A, manifest("index", Optional.empty(), List.of(child.digest())), Optional.of(tag("i")));

        retain(rule(List.of(), OptionalInt.empty(), Optional.empty(), Optional.of(Duration.ofHours(1)), false), false);
        assertTrue(stored(A, untagged), "younger than the delay");

        pause(5);
        CollectionReport report = retain(rule(List.of(), OptionalInt.empty(), Optional.empty(),
                Optional.of(Duration.ZERO), false), false);
        assertFalse(stored(A, untagged));
        collect(Duration.ZERO);
        assertFalse(readable(layer));
        assertTrue(stored(A, child), "a child of a live index");
        assertEquals(1, report.manifestsDeleted());
    }

    @Test
    void aReferrerStaysWithItsSubjectAndKeepsNothingAliveByItself() {
        StoredManifest subject = image("subject");
        store.manifests().put(A, subject, Optional.empty());
        StoredManifest signature = manifest("signature", Optional.of(subject.digest()), List.of());
        store.manifests().put(A, signature, Optional.empty());
        StoredManifest tagged = image("tagged");
        store.manifests().put(A, tagged, Optional.of(tag("t")));
        StoredManifest attestation = manifest("attestation", Optional.of(tagged.digest()), List.of());
        store.manifests().put(A, attestation, Optional.empty());

        CollectionReport report = retain(rule(List.of(), OptionalInt.empty(), Optional.empty(),
                Optional.of(Duration.ZERO), true), false);

        assertFalse(stored(A, subject), "its referrer does not keep it");
        assertFalse(stored(A, signature), "it follows its subject");
        assertTrue(stored(A, attestation), "kept while its subject lives, untagged or not");
        assertEquals(2, report.manifestsDeleted());
    }

    @Test
    void withoutFollowingAReferrerOfAGoneSubjectIsJudgedAsAnUntaggedManifest() {
        StoredManifest subject = image("subject");
        store.manifests().put(A, subject, Optional.of(tag("old")));
        StoredManifest signature = manifest("signature", Optional.of(subject.digest()), List.of());
        store.manifests().put(A, signature, Optional.empty());

        retain(rule(List.of(), OptionalInt.of(0), Optional.empty(), Optional.empty(), false), false);

        assertFalse(stored(A, subject));
        assertTrue(stored(A, signature), "no delay for untagged manifests: kept");
    }

    @Test
    void aManifestsAttachmentsGoWithItAndOtherRepositoriesAreUntouched() {
        AttachmentRole report = AttachmentRole.parse("validation-report");
        StoredManifest checked = image("checked");
        store.manifests().put(A, checked, Optional.of(tag("x")), List.of(new ManifestAttachment(report,
                new byte[] {1, 2})));
        store.manifests().put(B, checked, Optional.of(tag("x")));

        retain(rule(List.of(), OptionalInt.of(0), Optional.empty(), Optional.empty(), false), false);

        assertFalse(stored(A, checked));
        assertEquals(Optional.empty(), store.attachments().get(A, checked.digest(), report));
        assertTrue(stored(B, checked), "the rule matches A only");
    }

    @Test
    void aDryRunListsTagsAndManifestsWithReasonsAndChangesNothing() {
        BlobInfo layer = pushBlob(A, 999, 300);
        StoredManifest old = image("old", layer);
        store.manifests().put(A, old, Optional.of(tag("old")));

        CollectionReport report = retain(rule(List.of(), OptionalInt.of(0), Optional.empty(), Optional.empty(),
                false), true);

        assertTrue(stored(A, old) && readable(layer));
        assertEquals(List.of(Tag.parse("old")), store.tags().list(A, Optional.empty(), 10));
        assertEquals(1, report.tagsDeleted());
        assertEquals(1, report.manifestsDeleted());
        assertEquals(0, report.blobsDeleted(), "its blob would be unreferenced from now, for less than the grace");
        assertEquals(List.of(Removal.Kind.TAG, Removal.Kind.MANIFEST),
                report.removals().stream().map(Removal::kind).toList());
        assertTrue(report.removals().get(0).reason().contains("retention rule test"));
    }
}
