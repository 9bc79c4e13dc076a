package io.huruhuru.storage.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.oci.Digest;
import io.huruhuru.storage.StoreContract;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link LayerIndexStore}, run against each implementation. */
public abstract class LayerIndexStoreContract extends StoreContract {

    private static final Digest LAYER = digestOf(new byte[] {7});

    @Test
    void unknownLayerHasNoFacts() {
        assertEquals(Optional.empty(), store.layerIndex().get(LAYER));
    }

    @Test
    void storedFactsReadBackAndSurviveReopening() {
        byte[] facts = "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8);

        store.layerIndex().put(LAYER, facts);
        reopen();

        assertArrayEquals(facts, store.layerIndex().get(LAYER).orElseThrow());
    }

    @Test
    void puttingAgainReplacesTheFacts() {
        store.layerIndex().put(LAYER, new byte[] {1});
        store.layerIndex().put(LAYER, new byte[] {2, 3});
        assertArrayEquals(new byte[] {2, 3}, store.layerIndex().get(LAYER).orElseThrow());
    }
}
