package io.huruhuru.sel4.cspace;

import io.huruhuru.sel4.kernel.ObjectType;
import java.util.Optional;

/** A capability as the kernel stores it in a slot: a closed set of kinds, one record per cap type. */
public sealed interface Capability {

    /** The object this capability names, or empty for the null cap and control caps. */
    Optional<ObjectType> objectType();

    /** Physical address of the object (0 for caps that name no object). */
    long paddr();

    /** Where a frame or paging structure is mapped: the VSpace object and the virtual address. */
    record Mapping(long vspace, long vaddr) {
    }

    record NullCap() implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.empty();
        }

        public long paddr() {
            return 0;
        }
    }

    /** @param freeBytes the watermark: bytes from the start already handed out (capFreeIndex scaled to bytes) */
    record UntypedCap(long paddr, int sizeBits, boolean isDevice, long freeBytes) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.UNTYPED);
        }

        public UntypedCap withFreeBytes(long bytes) {
            return new UntypedCap(paddr, sizeBits, isDevice, bytes);
        }
    }

    record CNodeCap(long paddr, int radix, int guardSize, long guard) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.CNODE);
        }
    }

    record TcbCap(long paddr) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.TCB);
        }
    }

    record EndpointCap(long paddr, long badge, Rights rights) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.ENDPOINT);
        }
    }

    record NotificationCap(long paddr, long badge, Rights rights) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.NOTIFICATION);
        }
    }

    record SchedContextCap(long paddr, int sizeBits) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.SCHED_CONTEXT);
        }
    }

    record ReplyCap(long paddr) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.REPLY);
        }
    }

    record FrameCap(long paddr, ObjectType type, Rights rights, boolean isDevice, Optional<Mapping> mapping)
            implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(type);
        }

        public FrameCap mappedAt(Mapping m) {
            return new FrameCap(paddr, type, rights, isDevice, Optional.of(m));
        }
    }

    record PageTableCap(long paddr, ObjectType type, Optional<Mapping> mapping) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(type);
        }

        public PageTableCap mappedAt(Mapping m) {
            return new PageTableCap(paddr, type, Optional.of(m));
        }
    }

    /** @param asid the ASID assigned by ASIDPool_Assign, empty until then */
    record VSpaceCap(long paddr, Optional<Integer> asid) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.VSPACE);
        }
    }

    record AsidPoolCap(long paddr) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.ASID_POOL);
        }
    }

    /** A virtual CPU, bound to at most one thread (seL4_ARM_VCPU_SetTCB). */
    record VCpuCap(long paddr) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.of(ObjectType.VCPU);
        }
    }

    /** The authority to take and acknowledge one interrupt line (seL4_IRQHandler, made by IRQControl_Get). */
    record IrqHandlerCap(int irq) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.empty();
        }

        public long paddr() {
            return 0;
        }
    }

    /** The boot caps that name no memory object the model tracks (IRQ control, ASID control, domain, ...). */
    record ControlCap(String name) implements Capability {
        public Optional<ObjectType> objectType() {
            return Optional.empty();
        }

        public long paddr() {
            return 0;
        }
    }
}
