package io.huruhuru.sel4.kernel;

import io.huruhuru.sel4.cspace.CSpaceLookup;
import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Capability.CNodeCap;
import io.huruhuru.sel4.cspace.Capability.EndpointCap;
import io.huruhuru.sel4.cspace.Capability.FrameCap;
import io.huruhuru.sel4.cspace.Capability.NotificationCap;
import io.huruhuru.sel4.cspace.Capability.PageTableCap;
import io.huruhuru.sel4.cspace.Capability.ReplyCap;
import io.huruhuru.sel4.cspace.Capability.SchedContextCap;
import io.huruhuru.sel4.cspace.Capability.TcbCap;
import io.huruhuru.sel4.cspace.Capability.UntypedCap;
import io.huruhuru.sel4.cspace.Capability.VSpaceCap;
import io.huruhuru.sel4.cspace.CapabilityStore;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.tcb.Tcb;
import io.huruhuru.sel4.vspace.VSpace;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * The state of one running seL4 kernel: its capability slots and derivation tree, and the objects
 * with state of their own (TCBs, address spaces, ASIDs). Invocations live beside the object they act on.
 */
public final class Kernel {

    /** seL4_ASIDPoolIndexBits = 9: one ASID pool holds 512 address spaces. */
    public static final int ASID_POOL_ENTRIES = 512;

    private final KernelConfig config;
    private final CapabilityStore caps = new CapabilityStore();
    private final CSpaceLookup lookup = new CSpaceLookup(caps);
    private final Map<Long, Tcb> tcbs = new HashMap<>();
    private final Map<Long, VSpace> vspaces = new HashMap<>();
    private final Map<Integer, Long> asidTable = new HashMap<>();
    /** VCPU object to the TCB it is bound to. */
    private final Map<Long, Long> vcpuBinding = new HashMap<>();
    /** Interrupt lines that have a handler cap (intStateIRQTable entries not IRQInactive). */
    private final Set<Integer> activeIrqs = new HashSet<>();
    private final PhysicalMemory memory = new PhysicalMemory();

    public Kernel(KernelConfig config) {
        this.config = config;
        caps.setFinaliser(this::finalise);
    }

    public KernelConfig config() {
        return config;
    }

    /** The contents of physical memory (frames hold bytes; other objects' memory is not modelled byte for byte). */
    public PhysicalMemory memory() {
        return memory;
    }

    public CapabilityStore caps() {
        return caps;
    }

    public CSpaceLookup lookup() {
        return lookup;
    }

    public Optional<Tcb> tcb(long paddr) {
        return Optional.ofNullable(tcbs.get(paddr));
    }

    public Optional<VSpace> vspace(long paddr) {
        return Optional.ofNullable(vspaces.get(paddr));
    }

    public Optional<Long> vspaceForAsid(int asid) {
        return Optional.ofNullable(asidTable.get(asid));
    }

    public boolean asidInUse(int asid) {
        return asidTable.containsKey(asid);
    }

    public Optional<Long> vcpuThread(long vcpuPaddr) {
        return Optional.ofNullable(vcpuBinding.get(vcpuPaddr));
    }

    /** associateVCPUTCB: a VCPU serves one thread, and a thread has one VCPU. */
    public void bindVcpu(long vcpuPaddr, long tcbPaddr) {
        vcpuBinding.values().removeIf(t -> t == tcbPaddr);
        vcpuBinding.put(vcpuPaddr, tcbPaddr);
    }

    public boolean irqActive(int irq) {
        return activeIrqs.contains(irq);
    }

    public void activateIrq(int irq) {
        activeIrqs.add(irq);
    }

    /** The root server's thread, which boot.c creates with priority and MCP seL4_MaxPrio. */
    public void createInitialThread(long paddr) {
        tcbs.put(paddr, Tcb.initialThread(paddr, config.maxPriority()));
    }

    public void bindAsid(int asid, long vspacePaddr) {
        asidTable.put(asid, vspacePaddr);
    }

    /**
     * createObject (src/object/objecttype.c): brings a fresh object into existence at paddr and
     * returns the original capability to it, with all rights.
     */
    public Capability createObject(ObjectType type, long paddr, long userSize, boolean isDevice) {
        return switch (type) {
            case UNTYPED -> new UntypedCap(paddr, (int) userSize, isDevice, 0);
            case TCB -> {
                tcbs.put(paddr, new Tcb(paddr));
                yield new TcbCap(paddr);
            }
            case ENDPOINT -> new EndpointCap(paddr, 0, Rights.ALL);
            case NOTIFICATION -> new NotificationCap(paddr, 0, Rights.ALL);
            case CNODE -> {
                caps.createCNode(paddr, (int) userSize);
                yield new CNodeCap(paddr, (int) userSize, 0, 0);
            }
            case SCHED_CONTEXT -> new SchedContextCap(paddr, (int) userSize);
            case REPLY -> new ReplyCap(paddr);
            case FRAME_4K, FRAME_2M, FRAME_1G -> {
                // Retype hands out zeroed frames; device frames are registers, not RAM, and are not cleared.
                if (!isDevice) {
                    memory.zero(paddr, 1L << type.sizeBits(config, 0));
                }
                yield new FrameCap(paddr, type, Rights.ALL, isDevice, Optional.empty());
            }
            case PAGE_TABLE, PAGE_DIRECTORY, PDPT -> new PageTableCap(paddr, type, Optional.empty());
            case VSPACE -> {
                vspaces.put(paddr, new VSpace(paddr, config.architecture(), config.vspace().startLevel()));
                yield new VSpaceCap(paddr, Optional.empty());
            }
            case ASID_POOL -> new Capability.AsidPoolCap(paddr);
            case VCPU -> new Capability.VCpuCap(paddr);
        };
    }

    /** finaliseCap and Arch_finaliseCap: what leaving a slot does to the object. */
    private void finalise(Capability cap, boolean isFinal) {
        if (cap instanceof FrameCap f) {
            // A mapped frame cap is unmapped whenever it is deleted, final or not (Arch_finaliseCap).
            f.mapping().ifPresent(m -> vspace(m.vspace()).ifPresent(v -> v.unmapFrame(m.vaddr(), f.type())));
        } else if (cap instanceof PageTableCap pt && isFinal) {
            pt.mapping().ifPresent(m -> vspace(m.vspace()).ifPresent(v -> v.unmapTable(pt.paddr())));
        } else if (cap instanceof VSpaceCap v && isFinal) {
            vspaces.remove(v.paddr());
            v.asid().ifPresent(asidTable::remove);
        } else if (cap instanceof TcbCap t && isFinal) {
            tcbs.remove(t.paddr());
            vcpuBinding.values().removeIf(b -> b == t.paddr());
        } else if (cap instanceof CNodeCap c && isFinal) {
            caps.destroyCNode(c.paddr());
        } else if (cap instanceof Capability.VCpuCap v && isFinal) {
            vcpuBinding.remove(v.paddr());
        } else if (cap instanceof Capability.IrqHandlerCap h) {
            // deletingIRQHandler: the line goes back to IRQInactive.
            activeIrqs.remove(h.irq());
        }
        // Endpoints, notifications, untypeds, replies and scheduling contexts hold no model state.
    }
}
