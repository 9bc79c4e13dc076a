package io.huruhuru.sel4.irq;

import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Capability.ControlCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.kernel.SyscallError;
import java.util.Optional;

/** seL4_IRQControl_Get, split as src/object/interrupt.c splits it: decodeIRQControlInvocation, then invokeIRQControl. */
public final class IrqControl {

    /** The boot cap's name for the IRQ control capability (seL4_CapIRQControl). */
    public static final String CAP_NAME = "seL4_CapIRQControl";

    /** An IRQ handler request that passed every check. */
    public record Invocation(Slot control, int irq, Slot dest) {
    }

    private IrqControl() {
    }

    public static Optional<SyscallError> get(Kernel kernel, Slot control, int irq, Slot dest) {
        Result<Invocation> decoded = decode(kernel, control, irq, dest);
        if (decoded instanceof Result.Err<Invocation> err) {
            return Optional.of(err.error());
        }
        invoke(kernel, ((Result.Ok<Invocation>) decoded).value());
        return Optional.empty();
    }

    /** The checks in the kernel's order: the IRQ number's range, the line being free, the destination slot empty. */
    public static Result<Invocation> decode(Kernel kernel, Slot control, int irq, Slot dest) {
        Capability cap = kernel.caps().get(control);
        if (!(cap instanceof ControlCap c) || !c.name().equals(CAP_NAME)) {
            return Result.err(new SyscallError.IllegalOperation("the invoked capability is not the IRQ control capability"));
        }
        int max = kernel.config().maxIrq();
        if (irq < 0 || irq > max) {
            return Result.err(new SyscallError.RangeError(0, max,
                    "interrupt " + irq + " is outside the interrupt controller's range"));
        }
        if (kernel.irqActive(irq)) {
            // "Rejecting request for IRQ %u. Already active." (Arch_checkIRQ / isIRQActive)
            return Result.err(new SyscallError.RevokeFirst("interrupt " + irq + " already has a handler capability"));
        }
        if (!kernel.caps().isEmpty(dest)) {
            return Result.err(new SyscallError.DeleteFirst("the destination slot is not empty"));
        }
        return Result.ok(new Invocation(control, irq, dest));
    }

    /** invokeIRQControl: marks the line IRQSignal and puts the handler cap in the slot, a child of IRQ control. */
    public static void invoke(Kernel kernel, Invocation inv) {
        kernel.activateIrq(inv.irq());
        kernel.caps().insert(inv.dest(), new Capability.IrqHandlerCap(inv.irq()), Optional.of(inv.control()));
    }
}
