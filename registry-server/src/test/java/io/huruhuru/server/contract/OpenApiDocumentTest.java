package io.huruhuru.server.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document as served, unchanged (the validators load views of it, see {@link ValidatorViews}), is valid against
 * the OpenAPI 3.1 schema that vertx-openapi carries.
 */
class OpenApiDocumentTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theServedDocumentIsValidOpenApi31() throws Exception {
        JsonObject document = ApiDocument.load().json();

        assertEquals(OpenAPIVersion.V3_1, OpenAPIVersion.fromContract(document));
        OutputUnit result = validate(document);
        assertTrue(result.getValid(), () -> String.valueOf(result.getErrors()));
    }

    @Test
    void aDocumentWithoutItsInfoIsNot() throws Exception {
        JsonObject document = ApiDocument.load().json();
        document.remove("info");

        assertFalse(validate(document).getValid());
    }

    private static OutputUnit validate(JsonObject document) throws Exception {
        return OpenAPIVersion.V3_1.getRepository(vertx, "app://")
                .compose(repository -> OpenAPIVersion.V3_1.validateContract(vertx, repository, document))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
