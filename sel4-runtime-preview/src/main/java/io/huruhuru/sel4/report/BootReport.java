package io.huruhuru.sel4.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.SortedMap;

/**
 * Everything a boot preview found, in a fixed order so that the same input gives the same bytes:
 * the kernel's boot, every root server step, memory used and left, and each application's result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"platform", "architecture", "mcs", "system", "result", "error", "kernel", "memory", "applications",
        "steps", "warnings", "run"})
public record BootReport(
        String platform,
        String architecture,
        boolean mcs,
        SystemReport system,
        String result,
        ErrorInfo error,
        KernelReport kernel,
        MemoryReport memory,
        List<ApplicationReport> applications,
        List<Step> steps,
        List<String> warnings,
        RunReport run) {

    public static final String BOOTED = "booted";
    public static final String FAILED = "failed";

    /** The report of a plain boot: applications, no compose system. */
    public BootReport(String platform, String architecture, boolean mcs, String result, ErrorInfo error,
                      KernelReport kernel, MemoryReport memory, List<ApplicationReport> applications, List<Step> steps,
                      List<String> warnings) {
        this(platform, architecture, mcs, null, result, error, kernel, memory, applications, steps, warnings, null);
    }

    /** A report without a run of the application's code. */
    public BootReport(String platform, String architecture, boolean mcs, SystemReport system, String result,
                      ErrorInfo error, KernelReport kernel, MemoryReport memory, List<ApplicationReport> applications,
                      List<Step> steps, List<String> warnings) {
        this(platform, architecture, mcs, system, result, error, kernel, memory, applications, steps, warnings, null);
    }

    /** The same report with the run of an application's code. */
    public BootReport withRun(RunReport newRun) {
        return new BootReport(platform, architecture, mcs, system, result, error, kernel, memory, applications, steps,
                warnings, newRun);
    }

    public boolean booted() {
        return BOOTED.equals(result);
    }

    /** The same report with its system part replaced (to add the teardown check after down). */
    public BootReport withSystem(SystemReport newSystem) {
        return new BootReport(platform, architecture, mcs, newSystem, result, error, kernel, memory, applications, steps,
                warnings, run);
    }

    /** The first failing step: the seL4 error name (or a root server rule), the step, and the rule in words. */
    @JsonPropertyOrder({"code", "application", "stepIndex", "step", "detail"})
    public record ErrorInfo(String code, String application, Integer stepIndex, String step, String detail) {
    }

    /** What the kernel's own boot produced. */
    @JsonPropertyOrder({"rootServerBlock", "userImage", "emptySlots", "ramUntypedBytes", "untypeds", "warnings"})
    public record KernelReport(
            RootServerBlock rootServerBlock, AddressRange userImage, SlotRange emptySlots, long ramUntypedBytes,
            List<Untyped> untypeds, List<String> warnings) {
    }

    @JsonPropertyOrder({"paddr", "bytes", "alignBits", "pagingStructures"})
    public record RootServerBlock(String paddr, long bytes, int alignBits, int pagingStructures) {
    }

    @JsonPropertyOrder({"start", "end"})
    public record AddressRange(String start, String end) {
    }

    @JsonPropertyOrder({"start", "end"})
    public record SlotRange(long start, long end) {
    }

    @JsonPropertyOrder({"slot", "paddr", "sizeBits", "isDevice"})
    public record Untyped(int slot, String paddr, int sizeBits, boolean isDevice) {
    }

    @JsonPropertyOrder({"freeBytesBefore", "totalBytes", "freeBytesAfter", "byObjectType"})
    public record MemoryReport(long freeBytesBefore, long totalBytes, long freeBytesAfter,
                               SortedMap<String, Long> byObjectType) {
    }

    /** One invocation (or a run of identical ones, such as mapping every page of a segment) and its outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"index", "application", "phase", "action", "objectType", "sizeBits", "count", "paddr",
            "untyped", "slot", "vaddr", "detail", "outcome"})
    public record Step(
            int index, String application, String phase, String action, String objectType, Integer sizeBits,
            Integer count, String paddr, String untyped, String slot, String vaddr, String detail, String outcome) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "result", "memory", "paging", "addressSpace", "capabilities", "thread", "protocols",
            "consumes", "devices", "guest", "warnings"})
    public record ApplicationReport(
            String name, String result, AppMemory memory, SortedMap<String, Integer> paging,
            List<MappedRegion> addressSpace, List<CapabilityRange> capabilities, ThreadReport thread,
            List<Protocol> protocols, List<ConsumedProtocol> consumes, List<DeviceReport> devices, GuestReport guest,
            List<String> warnings) {
    }

    /** A badged cap to another application's protocol: whose, through which message server, badge and slot. */
    @JsonPropertyOrder({"name", "publisher", "messageServer", "badge", "slot"})
    public record ConsumedProtocol(String name, String publisher, String messageServer, String badge, int slot) {
    }

    /** A device an application drives: its registers as mapped (uncached) and the interrupts it handles. */
    @JsonPropertyOrder({"name", "paddr", "bytes", "vaddr", "frames", "cacheable", "irqs"})
    public record DeviceReport(String name, String paddr, long bytes, String vaddr, int frames, boolean cacheable,
                               List<Integer> irqs) {
    }

    @JsonPropertyOrder({"totalBytes", "byObjectType"})
    public record AppMemory(long totalBytes, SortedMap<String, Long> byObjectType) {
    }

    @JsonPropertyOrder({"name", "start", "end", "pages", "permissions"})
    public record MappedRegion(String name, String start, String end, long pages, String permissions) {
    }

    /** A run of consecutive slots holding caps of one kind with one role. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"firstSlot", "lastSlot", "count", "objectType", "role", "rights", "badge"})
    public record CapabilityRange(int firstSlot, int lastSlot, int count, String objectType, String role, String rights,
                                  String badge) {
    }

    @JsonPropertyOrder({"pc", "sp", "ipcBuffer", "priority", "mcp", "state", "argc", "envc", "initialStackBytes"})
    public record ThreadReport(String pc, String sp, String ipcBuffer, long priority, long mcp, String state, int argc,
                               int envc, long initialStackBytes) {
    }

    @JsonPropertyOrder({"name", "badge", "endpoint"})
    public record Protocol(String name, String badge, String endpoint) {
    }
}
