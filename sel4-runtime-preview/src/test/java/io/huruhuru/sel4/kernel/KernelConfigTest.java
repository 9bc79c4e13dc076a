package io.huruhuru.sel4.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel configuration's ranges and the VSpace shape it implies (libsel4 sel4_arch/constants.h). */
class KernelConfigTest {

    private static KernelConfig arm(boolean hypervisor, int paSizeBits, int rootCNodeBits) {
        return new KernelConfig(Architecture.AARCH64, true, hypervisor, paSizeBits, rootCNodeBits, 256, 11, 256, 230,
                1L << paSizeBits, KernelConfig.DEFAULT_MAX_IRQ);
    }

    @Test
    void aHypervisorKernelWithFortyBitAddressesTranslatesInThreeLevelsFromLevelOne() {
        // constants.h:199-203: seL4_VSpaceBits 13, seL4_VSpaceIndexBits 10; :249-250 seL4_UserTop 0xffffffffff;
        // include/config.h:16-20 and machine/hardware.h:26-28: AARCH64_VSPACE_S2_START_L1, UPT_LEVELS 3.
        VSpaceGeometry g = arm(true, 40, 12).vspace();
        assertEquals(new VSpaceGeometry(3, 1, 10, 13, 0x000000ffffffffffL), g);
        assertEquals(List.of(30, 21), g.tableWindowBits());
        assertEquals(1L << 40, g.userLimit());
    }

    @Test
    void aHypervisorKernelWithFortyFourBitAddressesHasFourLevelsAndA44BitUserTop() {
        // constants.h:207-208 seL4_VSpaceBits 12; :247-248 seL4_UserTop 0x00000fffffffffff.
        assertEquals(new VSpaceGeometry(4, 0, 9, 12, 0x00000fffffffffffL), arm(true, 44, 12).vspace());
    }

    @Test
    void withoutHypervisorSupportTheUserTopIsTwoToThe47WhateverThePhysicalAddressSize() {
        // constants.h:256-257: seL4_UserTop 0x00007fffffffffff.
        assertEquals(new VSpaceGeometry(4, 0, 9, 12, 0x00007fffffffffffL), arm(false, 40, 12).vspace());
        assertEquals(new VSpaceGeometry(4, 0, 9, 12, 0x00007fffffffffffL), arm(false, 44, 12).vspace());
    }

    @Test
    void x8664KeepsItsFourLevelPml4AndTheKernelsUserTop() {
        // seL4_PML4Bits 12 (x86_64 constants.h:51-54), USER_TOP 0x7FFFFFFFFFFF (pc99 64-bit hardware.h:68).
        KernelConfig x86 = KernelConfig.defaults(Architecture.X86_64, false, 12, 1L << 47);
        assertEquals(new VSpaceGeometry(4, 0, 9, 12, 0x00007fffffffffffL), x86.vspace());
        assertEquals(List.of(39, 30, 21), x86.vspace().tableWindowBits());
    }

    @Test
    void theVSpaceObjectIsEightKilobytesOnlyWithTheLevelOneRoot() {
        assertEquals(13, ObjectType.VSPACE.sizeBits(arm(true, 40, 12), 0));
        assertEquals(12, ObjectType.VSPACE.sizeBits(arm(true, 44, 12), 0));
        assertEquals(12, ObjectType.VSPACE.sizeBits(arm(false, 40, 12), 0));
    }

    @Test
    void theVcpuObjectExistsOnlyInAHypervisorKernel() {
        // libsel4/arch_include/arm/sel4/arch/objecttype.h:19-21: seL4_ARM_VCPUObject under
        // CONFIG_ARM_HYPERVISOR_SUPPORT.
        assertTrue(ObjectType.VCPU.existsIn(arm(true, 40, 12)));
        assertFalse(ObjectType.VCPU.existsIn(arm(false, 40, 12)));
    }

    @Test
    void aSixtyFourBitRootCNodeHasSevenToTwentySixBits() {
        // config.cmake:96-104 "7-26 ... for 64-bit"; boot.c:272-276 asserts >= seL4_PageBits - seL4_SlotBits
        // and < 32 - seL4_SlotBits.
        assertEquals(7, arm(true, 40, 7).rootCNodeSizeBits());
        assertEquals(26, arm(true, 40, 26).rootCNodeSizeBits());
        assertThrows(IllegalArgumentException.class, () -> arm(true, 40, 6));
        assertThrows(IllegalArgumentException.class, () -> arm(true, 40, 27));
    }

    @Test
    void anArmPhysicalAddressSizeIsFortyOrFortyFourBits() {
        // src/arch/arm/config.cmake:11-38 has no other choice; constants.h:251 #errors on an unknown width.
        assertThrows(IllegalArgumentException.class, () -> arm(true, 48, 12));
        assertThrows(IllegalArgumentException.class, () -> arm(false, 36, 12));
    }

    @Test
    void theUserDeviceTopIsTwoToThePhysicalAddressSize() {
        // config.cmake:19-20: KernelArmPASizeBits40 goes with KernelPaddrUserTop 1 << 40.
        assertThrows(IllegalArgumentException.class, () -> new KernelConfig(Architecture.AARCH64, true, true, 40, 12,
                256, 11, 256, 230, 1L << 44, KernelConfig.DEFAULT_MAX_IRQ));
    }

    @Test
    void anX86KernelCannotHaveHypervisorSupportInThisModel() {
        assertThrows(IllegalArgumentException.class, () -> new KernelConfig(Architecture.X86_64, false, true, 47, 12,
                256, 11, 256, 230, 1L << 47, KernelConfig.DEFAULT_MAX_IRQ));
    }
}
