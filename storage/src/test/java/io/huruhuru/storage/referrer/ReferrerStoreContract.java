package io.huruhuru.storage.referrer;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private Referrer refer(String repository, StoredManifest subject, String text, Optional<String> artifactType,
            Map<String, String> annotations) {
        StoredManifest manifest = manifest(text, Optional.of(subject.digest()), List.of());
        Referrer referrer = new Referrer(subject.digest(), manifest.digest(), manifest.mediaType(),
                manifest.content().length, artifactType, annotations);
        store.manifests().put(repository, manifest, Optional.empty(), Optional.of(referrer));
        return referrer;
    }

    @Test
    void listsEveryReferrerOfASubjectInDigestOrder() {
        StoredManifest subject = manifest("{\"subject\":1}");
        StoredManifest otherSubject = manifest("{\"subject\":2}");
        store.manifests().put("r", subject, Optional.of("v1"), Optional.empty());
        List<Referrer> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expected.add(refer("r", subject, "{\"sig\":" + i + "}",
                    i % 2 == 0 ? Optional.of("application/t" + i) : Optional.empty(),
                    i % 3 == 0 ? Map.of("k" + i, "v", "org.opencontainers.image.created", "2026") : Map.of()));
        }
        refer("r", otherSubject, "{\"sig\":\"other\"}", Optional.empty(), Map.of());
        refer("r/x", subject, "{\"sig\":\"other repo\"}", Optional.empty(), Map.of());
        expected.sort(Comparator.comparing(Referrer::digest));

        assertEquals(expected, store.referrers().list("r", subject.digest()));
    }

    @Test
    void unknownSubjectHasNoReferrers() {
        assertEquals(List.of(), store.referrers().list("r", sha256(new byte[] {1})));
    }

    @Test
    void referrersSurviveARestart() {
        StoredManifest subject = manifest("{\"subject\":1}");
        Referrer referrer = refer("r", subject, "{\"sig\":1}", Optional.of("a/b"), Map.of("x", "y"));

        reopen();

        assertEquals(List.of(referrer), store.referrers().list("r", subject.digest()));
    }
}
