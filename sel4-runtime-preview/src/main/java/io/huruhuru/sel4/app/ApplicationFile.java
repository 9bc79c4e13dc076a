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
import java.util.Optional;
import java.util.Set;

/**
 * Reads an application description from a JSON file whose "elf" is a path relative to the file.
 * Left out: heapPages 256, utLargePages 0, ut4kPages 0, priority 100, maxPriority = priority,
 * stackPages 16, publishes [], consumes [], args ["/" + name], env []. A "microvm" object makes it a microVM:
 * then "elf" (the VMM) may be left out, and args and env are the guest's process; see {@link #MICROVM_FIELDS}.
 */
public final class ApplicationFile {

    private static final Set<String> FIELDS = Set.of("name", "elf", "heapPages", "utLargePages", "ut4kPages",
            "priority", "maxPriority", "stackPages", "publishes", "consumes", "args", "env", "microvm");
    /** The microVM fields; left out: ramMiB 256, ramBase 0x40000000, kernelBytes 24 MiB, dtbBytes 64 KiB,
     * initrdBytes 8 MiB, layers [], interfaces [], vsockPorts [], cwd "/". */
    public static final Set<String> MICROVM_FIELDS = Set.of("ramMiB", "ramBase", "kernelBytes", "dtbBytes",
            "initrdBytes", "layers", "interfaces", "vsockPorts", "cwd");
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
        JsonNode vmNode = root.get("microvm");
        if (vmNode != null && !vmNode.isObject()) {
            throw new UnreadableInputException(json + ": 'microvm' must be an object");
        }
        ElfImage elf = vmNode != null && root.get("elf") == null ? MicroVm.defaultVmmImage() : elf(root, json);
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
                    strings(root, "env", List.of(), json),
                    strings(root, "consumes", List.of(), json),
                    vmNode == null ? Optional.empty() : Optional.of(microVm(vmNode, json)));
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException(json + ": " + e.getMessage(), e);
        }
    }

    /** The ELF file a description names ("elf", relative to the description), if it names one. */
    public static java.util.Optional<Path> elfPath(Path json) throws UnreadableInputException {
        try {
            JsonNode elf = JSON.readTree(json.toFile()).get("elf");
            return elf == null || !elf.isTextual() ? java.util.Optional.empty()
                    : java.util.Optional.of(json.toAbsolutePath().getParent().resolve(elf.asText()));
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read application description " + json + ": " + e.getMessage(), e);
        }
    }

    private static ElfImage elf(JsonNode root, Path json) throws UnreadableInputException {
        Path elfPath = json.toAbsolutePath().getParent().resolve(text(root, "elf", json));
        try {
            return ElfImage.parse(Files.readAllBytes(elfPath));
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read ELF file " + elfPath + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException("ELF file " + elfPath + ": " + e.getMessage(), e);
        }
    }

    private static MicroVm microVm(JsonNode vm, Path json) throws UnreadableInputException {
        for (Iterator<String> it = vm.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!MICROVM_FIELDS.contains(f)) {
                throw new UnreadableInputException(json + ": unknown field 'microvm." + f + "'");
            }
        }
        List<Integer> ports = new ArrayList<>();
        JsonNode p = vm.get("vsockPorts");
        if (p != null) {
            if (!p.isArray()) {
                throw new UnreadableInputException(json + ": 'microvm.vsockPorts' must be an array of integers");
            }
            for (JsonNode e : p) {
                if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                    throw new UnreadableInputException(json + ": 'microvm.vsockPorts' must be an array of integers");
                }
                ports.add(e.asInt());
            }
        }
        JsonNode cwd = vm.get("cwd");
        return new MicroVm((long) integer(vm, "ramMiB", (int) (MicroVm.DEFAULT_RAM_BYTES / MicroVm.MIB), json) * MicroVm.MIB,
                address(vm, "ramBase", MicroVm.DEFAULT_RAM_BASE, json),
                address(vm, "kernelBytes", MicroVm.DEFAULT_KERNEL_BYTES, json),
                address(vm, "dtbBytes", MicroVm.DEFAULT_DTB_BYTES, json),
                address(vm, "initrdBytes", MicroVm.DEFAULT_INITRD_BYTES, json),
                strings(vm, "layers", List.of(), json), strings(vm, "interfaces", List.of(), json), ports,
                cwd == null ? "/" : cwd.asText());
    }

    /** A number of bytes or an address: a JSON integer or a string such as "0x40000000". */
    private static long address(JsonNode root, String field, long dflt, Path json) throws UnreadableInputException {
        JsonNode n = root.get(field);
        if (n == null) {
            return dflt;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        String t = n.asText();
        try {
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UnreadableInputException(json + ": '" + field + "' must be an integer or a 0x hex string");
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
