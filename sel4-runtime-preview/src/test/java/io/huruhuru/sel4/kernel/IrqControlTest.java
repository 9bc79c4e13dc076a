package io.huruhuru.sel4.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.irq.IrqControl;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IRQControl_Get's checks: range, one handler per line, empty destination; deleting the handler frees the line. */
class IrqControlTest {

    private Kernel kernel;
    private final Slot control = new Slot(0x1000, 0);

    @BeforeEach
    void setUp() {
        kernel = new Kernel(new KernelConfig(Architecture.AARCH64, true, 12, 256, 11, 256, 230, 1L << 40, 223));
        kernel.caps().createCNode(0x1000, 4);
        kernel.caps().insert(control, new Capability.ControlCap(IrqControl.CAP_NAME), Optional.empty());
    }

    @Test
    void anInterruptAboveMaxIrqIsARangeError() {
        SyscallError e = IrqControl.get(kernel, control, 224, new Slot(0x1000, 1)).orElseThrow();

        assertEquals("seL4_RangeError", e.code());
        assertEquals(223, ((SyscallError.RangeError) e).max());
    }

    @Test
    void aSecondHandlerForTheSameLineIsRevokeFirstUntilTheFirstIsDeleted() {
        assertTrue(IrqControl.get(kernel, control, 149, new Slot(0x1000, 1)).isEmpty());

        assertEquals("seL4_RevokeFirst", IrqControl.get(kernel, control, 149, new Slot(0x1000, 2)).orElseThrow().code());

        kernel.caps().delete(new Slot(0x1000, 1));
        assertFalse(kernel.irqActive(149));
        assertTrue(IrqControl.get(kernel, control, 149, new Slot(0x1000, 2)).isEmpty());
    }

    @Test
    void onlyTheIrqControlCapCanMakeHandlers() {
        kernel.caps().insert(new Slot(0x1000, 3), new Capability.ControlCap("seL4_CapDomain"), Optional.empty());

        assertEquals("seL4_IllegalOperation",
                IrqControl.get(kernel, new Slot(0x1000, 3), 1, new Slot(0x1000, 4)).orElseThrow().code());
    }
}
