package io.huruhuru.server.v2.referrer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.MediaType;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.Requests;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.referrer.Referrer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The referrers API ({@code GET /v2/<name>/referrers/<digest>}): an image index of the manifests whose subject is
 * the digest, optionally filtered by {@code artifactType} (distribution-spec "Listing Referrers").
 */
public final class ReferrerHandlers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryStore store;
    private final Blocking blocking;

    public ReferrerHandlers(RegistryStore store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    public void list(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        Digest subject = Requests.digest(ctx.pathParam("digest"));
        Optional<String> artifactType = Optional.ofNullable(ctx.request().getParam("artifactType")).filter(s -> !s.isEmpty());
        blocking.run(() -> store.referrers().list(repository, subject))
                .onSuccess(referrers -> {
                    List<Referrer> shown = referrers.stream()
                            .filter(r -> artifactType.isEmpty() || r.artifactType().equals(artifactType))
                            .toList();
                    Buffer bytes = Buffer.buffer(index(shown).toString());
                    artifactType.ifPresent(type -> ctx.response().putHeader("OCI-Filters-Applied", "artifactType"));
                    ctx.response().putHeader("Content-Type", MediaType.OCI_INDEX)
                            .putHeader("Content-Length", Integer.toString(bytes.length()))
                            .end(bytes);
                })
                .onFailure(ctx::fail);
    }

    private static ObjectNode index(List<Referrer> referrers) {
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaType.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Referrer referrer : referrers) {
            ObjectNode descriptor = manifests.addObject()
                    .put("mediaType", referrer.mediaType())
                    .put("digest", referrer.digest().toString())
                    .put("size", referrer.size());
            referrer.artifactType().ifPresent(type -> descriptor.put("artifactType", type));
            if (!referrer.annotations().isEmpty()) {
                ObjectNode annotations = descriptor.putObject("annotations");
                new TreeMap<>(referrer.annotations()).forEach(annotations::put);
            }
        }
        return index;
    }
}
