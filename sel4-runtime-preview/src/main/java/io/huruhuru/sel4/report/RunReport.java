package io.huruhuru.sel4.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.SortedMap;

/**
 * What running an application's code on the model gave: how it ended (exited, faulted, budgetExhausted,
 * refused, blocked, notRun), its console, instructions retired, system calls by name, heap pages used.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"application", "result", "detail", "exitStatus", "fault", "instructions", "budget", "console",
        "consoleBytes", "consoleTruncated", "systemCalls", "unsupportedCalls", "heap"})
public record RunReport(
        String application, String result, String detail, Integer exitStatus, Fault fault, long instructions,
        long budget, String console, long consoleBytes, boolean consoleTruncated, SortedMap<String, Long> systemCalls,
        List<String> unsupportedCalls, HeapUse heap) {

    public static final String EXITED = "exited";
    public static final String FAULTED = "faulted";
    public static final String BUDGET_EXHAUSTED = "budgetExhausted";
    public static final String REFUSED = "refused";
    public static final String BLOCKED = "blocked";
    public static final String NOT_RUN = "notRun";

    /**
     * The fault that stopped the thread as seL4 delivers it: vmFault (seL4_Fault_VMFault: ip, address,
     * instruction or data access, FSR) or userException (an undefined instruction at ip), with the bits of the
     * instruction at ip when it could be read and its mnemonic or encoding group ({@code cpu.InstructionClass}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "ip", "address", "access", "fsr", "instruction", "mnemonic"})
    public record Fault(String kind, String ip, String address, String access, String fsr, String instruction,
                        String mnemonic) {
    }

    @JsonPropertyOrder({"pagesGranted", "peakPagesUsed"})
    public record HeapUse(int pagesGranted, int peakPagesUsed) {
    }

    /** A run that did not start, with the reason. */
    public static RunReport notRun(String application, String detail, long budget) {
        return new RunReport(application, NOT_RUN, detail, null, null, 0, budget, "", 0, false, new java.util.TreeMap<>(),
                List.of(), null);
    }
}
