package io.huruhuru.sel4.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.sel4.UnreadableInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads an application description from a JSON file whose "elf" is a path relative to the file.
 * Left out: heapPages 256, utLargePages 0, ut4kPages 0, priority 100, maxPriority = priority,
 * stackPages 4, publishes [], args ["/" + name], env [].
 */
public final class ApplicationFile {

    private static final Set<String> FIELDS = Set.of("name", "elf", "heapPages", "utLargePages", "ut4kPages",
            "priority", "maxPriority", "stackPages", "publishes", "args", "env");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApplicationFile() {
    }

    public static ApplicationDescription read(Path json) throws UnreadableInputException {
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read application description " + json + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableInputException(json + ": an application description is a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new UnreadableInputException(json + ": unknown field '" + f + "'");
            }
        }
        String name = text(root, "name", json);
        Path elfPath = json.toAbsolutePath().getParent().resolve(text(root, "elf", json));
        ElfImage elf;
        try {
            elf = ElfImage.parse(Files.readAllBytes(elfPath));
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read ELF file " + elfPath + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException("ELF file " + elfPath + ": " + e.getMessage(), e);
        }
        int priority = integer(root, "priority", ApplicationDescription.DEFAULT_PRIORITY, json);
        try {
            return new ApplicationDescription(name, elf,
                    integer(root, "heapPages", ApplicationDescription.DEFAULT_HEAP_PAGES, json),
                    integer(root, "utLargePages", 0, json),
                    integer(root, "ut4kPages", 0, json),
                    priority,
                    integer(root, "maxPriority", priority, json),
                    integer(root, "stackPages", ApplicationDescription.DEFAULT_STACK_PAGES, json),
                    strings(root, "publishes", List.of(), json),
                    strings(root, "args", List.of("/" + name), json),
                    strings(root, "env", List.of(), json));
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException(json + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String field, Path json) throws UnreadableInputException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new UnreadableInputException(json + ": '" + field + "' must be a non-empty string");
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String field, int dflt, Path json) throws UnreadableInputException {
        JsonNode n = root.get(field);
        if (n == null) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new UnreadableInputException(json + ": '" + field + "' must be an integer");
        }
        return n.asInt();
    }

    private static List<String> strings(JsonNode root, String field, List<String> dflt, Path json)
            throws UnreadableInputException {
        JsonNode n = root.get(field);
        if (n == null) {
            return dflt;
        }
        if (!n.isArray()) {
            throw new UnreadableInputException(json + ": '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new UnreadableInputException(json + ": '" + field + "' must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
