package io.huruhuru.storage.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.manifest.StoredManifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract of {@link PreviewStore}, run against each implementation. */
public abstract class PreviewStoreContract extends StoreContract {

    private static final RepositoryName R = repo("r");
    private static final PreviewKind IMAGE = PreviewKind.parse("image");
    private static final PreviewKind SYSTEM = PreviewKind.parse("system");

    private static PreviewId id(char c) {
        return PreviewId.parse(String.valueOf(c).repeat(64));
    }

    private static StoredPreview preview(PreviewId id, PreviewKind kind, String report, PreviewSubject... subjects) {
        return new StoredPreview(id, kind, List.of(subjects), ("summary of " + report).getBytes(StandardCharsets.UTF_8),
                report.getBytes(StandardCharsets.UTF_8));
    }

    private StoredManifest stored(RepositoryName repository, String text) {
        StoredManifest manifest = manifest(text);
        store.manifests().put(repository, manifest, Optional.empty());
        return manifest;
    }

    @Test
    void aKeptReportIsReadBackByIdAfterReopening() {
        StoredManifest m = stored(R, "{\"m\":1}");
        StoredPreview kept = preview(id('a'), IMAGE, "booted", new PreviewSubject(R, m.digest()));

        assertTrue(store.previews().put(kept));
        reopen();

        StoredPreview read = store.previews().get(id('a')).orElseThrow();
        assertEquals(IMAGE, read.kind());
        assertEquals(List.of(new PreviewSubject(R, m.digest())), read.subjects());
        assertArrayEquals(kept.report(), read.report());
        assertArrayEquals(kept.summary(), read.summary());
        assertEquals(Optional.empty(), store.previews().get(id('b')));
    }

    @Test
    void aReportOfAManifestThatIsNotStoredIsNotKept() {
        StoredManifest m = stored(R, "{\"m\":2}");
        StoredManifest elsewhere = manifest("{\"m\":3}");

        boolean kept = store.previews().put(preview(id('a'), SYSTEM, "x", new PreviewSubject(R, m.digest()),
                new PreviewSubject(R, elsewhere.digest())));

        assertFalse(kept);
        assertEquals(Optional.empty(), store.previews().get(id('a')));
        assertEquals(List.of(), store.previews().list(R, Optional.empty(), 100));
    }

    @Test
    void listsShowARepositorysReportsByManifestOnlyAndNotThoseOfARepositoryWhoseNameExtendsIt() {
        StoredManifest m = stored(R, "{\"m\":4}");
        StoredManifest n = stored(R, "{\"m\":5}");
        StoredManifest other = stored(repo("r/s"), "{\"m\":6}");
        store.previews().put(preview(id('a'), IMAGE, "a", new PreviewSubject(R, m.digest())));
        store.previews().put(preview(id('b'), IMAGE, "b", new PreviewSubject(R, m.digest())));
        store.previews().put(preview(id('c'), IMAGE, "c", new PreviewSubject(R, n.digest())));
        store.previews().put(preview(id('d'), IMAGE, "d", new PreviewSubject(repo("r/s"), other.digest())));

        List<ListedPreview> all = store.previews().list(R, Optional.empty(), 100);
        List<ListedPreview> ofM = store.previews().list(R, Optional.of(m.digest()), 100);

        assertEquals(Set.of(id('a'), id('b'), id('c')), Set.copyOf(all.stream().map(ListedPreview::id).toList()));
        assertEquals(List.of(id('a'), id('b')), ofM.stream().map(ListedPreview::id).toList());
        assertEquals(m.digest(), ofM.get(0).manifest());
        assertArrayEquals("summary of a".getBytes(StandardCharsets.UTF_8), ofM.get(0).summary());
        assertEquals(2, store.previews().list(R, Optional.empty(), 2).size());
    }

    @Test
    void deletingAManifestDeletesItsReportsAndTheirEntriesUnderEveryOtherSubject() {
        StoredManifest m = stored(R, "{\"m\":7}");
        StoredManifest n = stored(repo("q"), "{\"m\":8}");
        store.previews().put(preview(id('a'), IMAGE, "a", new PreviewSubject(R, m.digest())));
        store.previews().put(preview(id('s'), SYSTEM, "s", new PreviewSubject(R, m.digest()),
                new PreviewSubject(repo("q"), n.digest())));
        store.previews().put(preview(id('n'), IMAGE, "n", new PreviewSubject(repo("q"), n.digest())));

        assertTrue(store.manifests().delete(R, m.digest()));

        assertEquals(Optional.empty(), store.previews().get(id('a')));
        assertEquals(Optional.empty(), store.previews().get(id('s')));
        assertEquals(List.of(), store.previews().list(R, Optional.empty(), 100));
        assertEquals(List.of(id('n')), store.previews().list(repo("q"), Optional.empty(), 100).stream()
                .map(ListedPreview::id).toList());
        assertTrue(store.previews().get(id('n')).isPresent());
    }

    @Test
    void replacingAReportDropsTheIndexEntriesOfItsFormerSubjects() {
        StoredManifest m = stored(R, "{\"m\":9}");
        StoredManifest n = stored(R, "{\"m\":10}");
        store.previews().put(preview(id('a'), SYSTEM, "first", new PreviewSubject(R, m.digest())));

        store.previews().put(preview(id('a'), SYSTEM, "second", new PreviewSubject(R, n.digest())));

        assertEquals(List.of(n.digest()), store.previews().list(R, Optional.empty(), 100).stream()
                .map(ListedPreview::manifest).toList());
        assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), store.previews().get(id('a')).orElseThrow().report());
    }

    @Test
    void idsAndKindsRefuseBytesThatCouldBreakAKey() {
        assertThrows(IllegalArgumentException.class, () -> PreviewId.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> PreviewId.parse("a".repeat(63) + "\0"));
        assertThrows(IllegalArgumentException.class, () -> PreviewId.parse("A".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> PreviewId.parse("a".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> PreviewKind.parse("Image"));
        assertThrows(IllegalArgumentException.class, () -> PreviewKind.parse("a/b"));
    }
}
