package io.huruhuru.storage.referrer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.manifest.StoredManifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link ReferrerStore}, run against each implementation. */
public abstract class ReferrerStoreContract extends StoreContract {

    private static final RepositoryName R = repo("r");

    /** Stores a manifest whose subject is {@code subject}; returns the referrer entry it should make. */
    private Referrer refer(RepositoryName repository, StoredManifest subject, String text,
            Optional<String> artifactType, Map<String, String> annotations) {
        StoredManifest manifest = manifest(text, Optional.of(subject.digest()), artifactType, annotations, List.of());
        store.manifests().put(repository, manifest, Optional.empty());
        return new Referrer(subject.digest(), manifest.digest(), manifest.mediaType(), manifest.content().length,
                artifactType, annotations);
    }

    @Test
    void listsEveryReferrerOfASubjectInDigestOrder() {
        StoredManifest subject = manifest("{\"subject\":1}");
        StoredManifest otherSubject = manifest("{\"subject\":2}");
        store.manifests().put(R, subject, Optional.of(tag("v1")));
        List<Referrer> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expected.add(refer(R, subject, "{\"sig\":" + i + "}",
                    i % 2 == 0 ? Optional.of("application/t" + i) : Optional.empty(),
                    i % 3 == 0 ? Map.of("k" + i, "v", "org.opencontainers.image.created", "2026") : Map.of()));
        }
        refer(R, otherSubject, "{\"sig\":\"other\"}", Optional.empty(), Map.of());
        refer(repo("r/x"), subject, "{\"sig\":\"other repo\"}", Optional.empty(), Map.of());
        expected.sort(Comparator.comparing(r -> r.digest().toString()));

        assertEquals(expected, store.referrers().list(R, subject.digest()));
    }

    @Test
    void unknownSubjectHasNoReferrers() {
        assertEquals(List.of(), store.referrers().list(R, digestOf(new byte[] {1})));
    }

    @Test
    void referrersSurviveARestart() {
        StoredManifest subject = manifest("{\"subject\":1}");
        Referrer referrer = refer(R, subject, "{\"sig\":1}", Optional.of("a/b"), Map.of("x", "y"));

        reopen();

        assertEquals(List.of(referrer), store.referrers().list(R, subject.digest()));
    }
}
