package io.huruhuru.sel4.picture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A stored boot or system report as the pictures read it, parsed once from its JSON bytes; fields a picture does
 * not draw are left out, and fields missing from an older or a failed report read as empty.
 */
record PreviewReport(String platform, String architecture, boolean mcs, String result, Failure failure,
                     List<Untyped> untypeds, Range rootServerBlock, Range rootServerImage, long ramUntypedBytes,
                     long totalBytes, long freeBytesAfter, List<App> apps, List<Step> steps, SystemGraph system) {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** The first failing step as the report names it. */
    record Failure(String code, String application, Integer stepIndex, String step, String detail) {
    }

    /** A half-open physical or virtual address range [start, start + size). */
    record Range(long start, long size) {
        long end() {
            return start + size;
        }
    }

    record Untyped(int slot, long paddr, int sizeBits, boolean device) {
        long size() {
            return 1L << sizeBits;
        }
    }

    record App(String name, String result, long totalBytes, List<Mapped> addressSpace, List<Device> devices,
               List<Mapped> guestMemory) {
    }

    /** A mapped virtual region (or a region of a guest's physical memory map). */
    record Mapped(String name, long start, long size, String permissions) {
    }

    record Device(String name, long paddr, long bytes, long vaddr) {
    }

    record Step(int index, String application, String phase, String action, String objectType, Integer sizeBits,
                Integer count, Long paddr, String untyped, String slot, String vaddr, String detail, String outcome) {

        boolean ok() {
            return "ok".equals(outcome);
        }

        /** The bytes a retype step took, or 0 for any other step. */
        long retypedBytes() {
            if (!"Untyped_Retype".equals(action) || !ok() || paddr == null || sizeBits == null || count == null) {
                return 0;
            }
            return (long) count << sizeBits;
        }
    }

    record SystemGraph(String name, List<String> bootOrder, List<MessageServer> messageServers, List<Route> routes,
                       Teardown teardown) {
    }

    record MessageServer(String name, List<String> networks, List<Publication> protocols) {
    }

    record Publication(String protocol, String publisher, String badge, int slot) {
    }

    record Route(String service, String protocol, String publisher, String network, String messageServer,
                 String badge) {
    }

    record Teardown(List<String> order, boolean returnedAllMemory, long freeBytesBeforeUp, long freeBytesAfterDown) {
    }

    boolean booted() {
        return "booted".equals(result);
    }

    /** Parses report JSON; anything that is not a report object is refused with the reason. */
    static PreviewReport parse(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a boot report: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a boot report: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("platform").isTextual()) {
            throw new IllegalArgumentException("not a boot report: a JSON object with a platform is expected");
        }
        JsonNode kernel = root.path("kernel");
        JsonNode block = kernel.path("rootServerBlock");
        JsonNode image = kernel.path("userImage");
        JsonNode err = root.path("error");
        Failure failure = err.isObject() ? new Failure(text(err, "code"), text(err, "application"),
                err.hasNonNull("stepIndex") ? err.get("stepIndex").asInt() : null, text(err, "step"),
                text(err, "detail")) : null;
        return new PreviewReport(text(root, "platform"), text(root, "architecture"), root.path("mcs").asBoolean(),
                text(root, "result"), failure,
                list(kernel.path("untypeds"), u -> new Untyped(u.path("slot").asInt(), hex(u.path("paddr")),
                        sizeBits(u.path("sizeBits").asInt()), u.path("isDevice").asBoolean())),
                block.isObject() ? new Range(hex(block.path("paddr")), bytes(block.path("bytes").asLong())) : null,
                image.isObject() ? new Range(hex(image.path("start")),
                        bytes(hex(image.path("end")) - hex(image.path("start")))) : null,
                kernel.path("ramUntypedBytes").asLong(),
                root.path("memory").path("totalBytes").asLong(), root.path("memory").path("freeBytesAfter").asLong(),
                list(root.path("applications"), PreviewReport::app), list(root.path("steps"), PreviewReport::step),
                root.path("system").isObject() ? system(root.path("system")) : null);
    }

    private static App app(JsonNode a) {
        return new App(text(a, "name"), text(a, "result"), a.path("memory").path("totalBytes").asLong(),
                list(a.path("addressSpace"), m -> new Mapped(text(m, "name"), hex(m.path("start")),
                        bytes(hex(m.path("end")) - hex(m.path("start"))), text(m, "permissions"))),
                list(a.path("devices"), d -> new Device(text(d, "name"), hex(d.path("paddr")),
                        bytes(d.path("bytes").asLong()), hex(d.path("vaddr")))),
                list(a.path("guest").path("memoryMap"), m -> new Mapped(text(m, "name"), hex(m.path("start")),
                        bytes(m.path("bytes").asLong()), "")));
    }

    private static Step step(JsonNode s) {
        Integer bits = s.hasNonNull("sizeBits") ? sizeBits(s.get("sizeBits").asInt()) : null;
        Integer count = s.hasNonNull("count") ? s.get("count").asInt() : null;
        if (count != null && (count < 0 || (bits != null && bits + 64 - Long.numberOfLeadingZeros(count) > 62))) {
            throw new IllegalArgumentException("not a boot report: step " + s.path("index").asInt() + " retypes "
                    + count + " objects of 2^" + bits + " bytes");
        }
        return new Step(s.path("index").asInt(), text(s, "application"), text(s, "phase"), text(s, "action"),
                textOrNull(s, "objectType"), bits, count,
                s.hasNonNull("paddr") ? hex(s.get("paddr")) : null, textOrNull(s, "untyped"), textOrNull(s, "slot"),
                textOrNull(s, "vaddr"), textOrNull(s, "detail"), text(s, "outcome"));
    }

    private static SystemGraph system(JsonNode s) {
        JsonNode t = s.path("teardown");
        return new SystemGraph(text(s, "name"), list(s.path("bootOrder"), JsonNode::asText),
                list(s.path("messageServers"), m -> new MessageServer(text(m, "name"),
                        list(m.path("networks"), JsonNode::asText),
                        list(m.path("protocols"), p -> new Publication(text(p, "protocol"), text(p, "publisher"),
                                text(p, "badge"), p.path("slot").asInt())))),
                list(s.path("routes"), r -> new Route(text(r, "service"), text(r, "protocol"), text(r, "publisher"),
                        text(r, "network"), text(r, "messageServer"), text(r, "badge"))),
                t.isObject() ? new Teardown(list(t.path("order"), JsonNode::asText),
                        t.path("returnedAllMemory").asBoolean(), t.path("freeBytesBeforeUp").asLong(),
                        t.path("freeBytesAfterDown").asLong()) : null);
    }

    /** Object sizes are powers of two that fit an address; anything else would wrap around when shifted. */
    private static int sizeBits(int bits) {
        if (bits < 0 || bits > 62) {
            throw new IllegalArgumentException("not a boot report: an object of 2^" + bits + " bytes");
        }
        return bits;
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        List<T> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(element.apply(n)));
        }
        return List.copyOf(out);
    }

    private static long bytes(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("not a boot report: a region of " + n + " bytes");
        }
        return n;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() ? v.asText() : "";
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** Addresses are 0x-prefixed hex ({@code report.Hex}); an address that is not is refused, not guessed. */
    private static long hex(JsonNode n) {
        String s = n.asText("");
        if (!s.startsWith("0x") || s.length() < 3 || s.length() > 18) {
            throw new IllegalArgumentException("not a boot report: '" + s + "' is not a 0x-prefixed address");
        }
        try {
            return Long.parseUnsignedLong(s.substring(2), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a boot report: '" + s + "' is not a 0x-prefixed address");
        }
    }
}
