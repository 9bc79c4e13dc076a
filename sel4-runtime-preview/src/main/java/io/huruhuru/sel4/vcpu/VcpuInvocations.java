package io.huruhuru.sel4.vcpu;

import io.huruhuru.sel4.cspace.Capability.TcbCap;
import io.huruhuru.sel4.cspace.Capability.VCpuCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.SyscallError;
import java.util.Optional;

/** VCPU invocations with the checks of src/arch/arm/object/vcpu.c. */
public final class VcpuInvocations {

    private VcpuInvocations() {
    }

    /** seL4_ARM_VCPU_SetTCB (decodeVCPUSetTCB): the argument must be a TCB cap; any earlier binding is dissolved. */
    public static Optional<SyscallError> setTcb(Kernel kernel, Slot vcpu, Slot tcb) {
        if (!(kernel.caps().get(vcpu) instanceof VCpuCap v)) {
            return Optional.of(new SyscallError.IllegalOperation("the invoked capability is not a VCPU"));
        }
        if (!(kernel.caps().get(tcb) instanceof TcbCap t)) {
            return Optional.of(new SyscallError.IllegalOperation("the VCPU can only be bound to a TCB"));
        }
        kernel.bindVcpu(v.paddr(), t.paddr());
        return Optional.empty();
    }
}
