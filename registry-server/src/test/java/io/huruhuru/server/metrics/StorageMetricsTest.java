package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.v2.ImageFixtureAccess;
import java.io.IOException;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage gauges of {@code /metrics}, exact counts and RocksDB's estimates, follow what the registry stores. */
class StorageMetricsTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    /** Unsigned, so that no signature adds blobs, manifests and tags of its own. */
    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned();

    /** The sizes of the config and layers that {@code manifest} names, summed. */
    private static double blobSizes(byte[] manifest) throws IOException {
        JsonNode node = new ObjectMapper().readTree(manifest);
        double sum = node.path("config").path("size").asLong();
        for (JsonNode layer : node.path("layers")) {
            sum += layer.path("size").asLong();
        }
        return sum;
    }

    @Test
    void storageGaugesFollowWhatIsStored() throws IOException {
        Scrape empty = Scrape.of(registry);
        assertEquals(0, empty.value("huruhuru_storage_blobs"));
        assertEquals(0, empty.value("huruhuru_storage_repositories"));

        byte[] manifest = ImageFixtureAccess.ociManifest(registry, "team/app", 2);
        registry.putManifest("team/app", "v1", OCI_MANIFEST, manifest);
        String location = registry.send(registry.request("/v2/team/app/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build()).headers().firstValue("Location").orElseThrow();
        registry.send(registry.request(location).header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[1234])).build());

        Scrape scrape = Scrape.of(registry);
        assertEquals(2, scrape.value("huruhuru_storage_blobs"), "the config and the layer");
        assertEquals(1, scrape.value("huruhuru_storage_manifests"));
        assertEquals(1, scrape.value("huruhuru_storage_tags"));
        assertEquals(1, scrape.value("huruhuru_storage_repositories"));
        assertEquals(1, scrape.value("huruhuru_uploads_in_progress"), "the upload started last");
        assertEquals(1234, scrape.value("huruhuru_uploads_in_progress_received_bytes"), "its one chunk");
        assertTrue(scrape.value("huruhuru_storage_uploads") >= 1, "the open upload's record at least");
        assertEquals(blobSizes(manifest), scrape.value("huruhuru_storage_blob_bytes"), "the config and the layer");
        assertTrue(scrape.value("huruhuru_storage_upload_bytes") >= 0);
        assertTrue(scrape.value("huruhuru_storage_content_bytes") > 0);
        assertTrue(scrape.value("huruhuru_rocksdb_operations_seconds_count", "operation", "write") > 0);
        assertEquals(0, scrape.value("huruhuru_rocksdb_running_compactions"));
    }
}
