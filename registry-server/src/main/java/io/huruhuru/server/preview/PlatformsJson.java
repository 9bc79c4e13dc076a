package io.huruhuru.server.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.boot.Platform;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /sel4/v1/platforms}: every board of the model as the model describes it (memory, devices, kernel
 * configuration: whatever fields its platform record has), with its RAM total; rendered once.
 */
final class PlatformsJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final byte[] RENDERED = render();

    private PlatformsJson() {
    }

    static byte[] bytes() {
        return RENDERED;
    }

    private static byte[] render() {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode platforms = answer.putArray("platforms");
        for (Platform platform : Sel4Preview.platforms()) {
            ObjectNode node = JSON.valueToTree(platform);
            node.put("ramBytes", platform.ramBytes());
            platforms.add(node);
        }
        try {
            return (JSON.writeValueAsString(answer) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the platforms could not be written as JSON", e);
        }
    }
}
