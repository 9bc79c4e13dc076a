package io.huruhuru.sel4.tcb;

import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Capability.CNodeCap;
import io.huruhuru.sel4.cspace.Capability.FrameCap;
import io.huruhuru.sel4.cspace.Capability.TcbCap;
import io.huruhuru.sel4.cspace.Capability.VSpaceCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.kernel.SyscallError;
import java.util.Optional;

/** TCB invocations with the checks of src/object/tcb.c; each returns the error that stops it, if any. */
public final class TcbInvocations {

    private TcbInvocations() {
    }

    /** seL4_TCB_SetPriority: the new priority may not exceed the authority's MCP (checkPrio). */
    public static Optional<SyscallError> setPriority(Kernel kernel, Slot target, Slot authority, long priority) {
        Result<Tcb[]> pair = decodePair(kernel, target, authority);
        if (pair instanceof Result.Err<Tcb[]> err) {
            return Optional.of(err.error());
        }
        Tcb[] tcbs = ((Result.Ok<Tcb[]>) pair).value();
        Optional<SyscallError> bad = checkPrio(priority, tcbs[1], "priority");
        if (bad.isEmpty()) {
            tcbs[0].setPriority(priority);
        }
        return bad;
    }

    /** seL4_TCB_SetMCPriority: the new MCP may not exceed the authority's MCP (checkPrio). */
    public static Optional<SyscallError> setMcPriority(Kernel kernel, Slot target, Slot authority, long mcp) {
        Result<Tcb[]> pair = decodePair(kernel, target, authority);
        if (pair instanceof Result.Err<Tcb[]> err) {
            return Optional.of(err.error());
        }
        Tcb[] tcbs = ((Result.Ok<Tcb[]>) pair).value();
        Optional<SyscallError> bad = checkPrio(mcp, tcbs[1], "maximum controlled priority");
        if (bad.isEmpty()) {
            tcbs[0].setMcp(mcp);
        }
        return bad;
    }

    /** seL4_TCB_SetSchedParams: the MCP is checked first, then the priority, both against the authority. */
    public static Optional<SyscallError> setSchedParams(Kernel kernel, Slot target, Slot authority, long mcp, long priority) {
        Result<Tcb[]> pair = decodePair(kernel, target, authority);
        if (pair instanceof Result.Err<Tcb[]> err) {
            return Optional.of(err.error());
        }
        Tcb[] tcbs = ((Result.Ok<Tcb[]>) pair).value();
        Optional<SyscallError> bad = checkPrio(mcp, tcbs[1], "maximum controlled priority")
                .or(() -> checkPrio(priority, tcbs[1], "priority"));
        if (bad.isEmpty()) {
            tcbs[0].setMcp(mcp);
            tcbs[0].setPriority(priority);
        }
        return bad;
    }

    /**
     * seL4_TCB_SetSpace and SetIPCBuffer as TCB_Configure does them: the CSpace root must be a CNode,
     * the VSpace root a VSpace with an ASID, and the IPC buffer a non-device frame at a 2^10-aligned address
     * (decodeSetSpace, checkValidIPCBuffer).
     */
    public static Optional<SyscallError> configure(Kernel kernel, Slot target, Slot cspace, Slot vspace,
                                                   long bufferVaddr, Slot bufferFrame) {
        Optional<Tcb> tcb = tcbAt(kernel, target);
        if (tcb.isEmpty()) {
            return Optional.of(new SyscallError.InvalidCapability(0, "the invoked capability is not a TCB"));
        }
        Optional<SyscallError> badSpace = checkSpace(kernel, cspace, vspace);
        if (badSpace.isPresent()) {
            return badSpace;
        }
        Capability frame = kernel.caps().get(bufferFrame);
        if (!(frame instanceof FrameCap f) || f.isDevice()) {
            return Optional.of(new SyscallError.IllegalOperation("the IPC buffer must be a frame of ordinary memory"));
        }
        if ((bufferVaddr & ((1L << KernelConfig.IPC_BUFFER_SIZE_BITS) - 1)) != 0) {
            return Optional.of(new SyscallError.AlignmentError(
                    "the IPC buffer address must be aligned to 2^" + KernelConfig.IPC_BUFFER_SIZE_BITS + " bytes"));
        }
        tcb.get().setSpace(kernel.caps().get(cspace).paddr(), kernel.caps().get(vspace).paddr());
        tcb.get().setIpcBuffer(bufferVaddr);
        return Optional.empty();
    }

    /**
     * seL4_TCB_SetSpace for a guest's thread, as the VMMs configure it: the VSpace root is the guest's
     * address space (with an ASID); the guest has no IPC buffer and faults go to the VMM (decodeSetSpace).
     */
    public static Optional<SyscallError> configureGuest(Kernel kernel, Slot target, Slot cspace, Slot vspace) {
        Optional<Tcb> tcb = tcbAt(kernel, target);
        if (tcb.isEmpty()) {
            return Optional.of(new SyscallError.InvalidCapability(0, "the invoked capability is not a TCB"));
        }
        Optional<SyscallError> badSpace = checkSpace(kernel, cspace, vspace);
        if (badSpace.isEmpty()) {
            tcb.get().setSpace(kernel.caps().get(cspace).paddr(), kernel.caps().get(vspace).paddr());
        }
        return badSpace;
    }

    /** The roots seL4_TCB_SetSpace accepts (decodeSetSpace): a CNode, and a VSpace that has an ASID. */
    private static Optional<SyscallError> checkSpace(Kernel kernel, Slot cspace, Slot vspace) {
        if (!(kernel.caps().get(cspace) instanceof CNodeCap)) {
            return Optional.of(new SyscallError.IllegalOperation("the thread's CSpace root must be a CNode capability"));
        }
        if (!(kernel.caps().get(vspace) instanceof VSpaceCap v) || v.asid().isEmpty()) {
            return Optional.of(new SyscallError.IllegalOperation(
                    "the thread's VSpace root must be an address space with an ASID"));
        }
        return Optional.empty();
    }

    /** seL4_TCB_WriteRegisters with resume: sets pc and sp and makes the thread runnable. */
    public static Optional<SyscallError> writeRegistersAndResume(Kernel kernel, Slot target, long pc, long sp) {
        Optional<Tcb> tcb = tcbAt(kernel, target);
        if (tcb.isEmpty()) {
            return Optional.of(new SyscallError.InvalidCapability(0, "the invoked capability is not a TCB"));
        }
        tcb.get().setRegisters(pc, sp);
        tcb.get().resume();
        return Optional.empty();
    }

    private static Result<Tcb[]> decodePair(Kernel kernel, Slot target, Slot authority) {
        Optional<Tcb> t = tcbAt(kernel, target);
        if (t.isEmpty()) {
            return Result.err(new SyscallError.InvalidCapability(0, "the invoked capability is not a TCB"));
        }
        Optional<Tcb> a = tcbAt(kernel, authority);
        if (a.isEmpty()) {
            return Result.err(new SyscallError.InvalidCapability(1, "the authority capability is not a TCB"));
        }
        return Result.ok(new Tcb[] {t.get(), a.get()});
    }

    private static Optional<Tcb> tcbAt(Kernel kernel, Slot slot) {
        return kernel.caps().get(slot) instanceof TcbCap cap ? kernel.tcb(cap.paddr()) : Optional.empty();
    }

    /** checkPrio: a value above the authority's MCP is seL4_RangeError with min seL4_MinPrio and max that MCP. */
    private static Optional<SyscallError> checkPrio(long value, Tcb authority, String what) {
        if (value < 0 || value > authority.mcp()) {
            return Optional.of(new SyscallError.RangeError(0, authority.mcp(),
                    "the " + what + " " + value + " exceeds the maximum controlled priority " + authority.mcp()
                            + " of the authority thread"));
        }
        return Optional.empty();
    }
}
