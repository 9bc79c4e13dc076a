package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.kernel.VSpaceGeometry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The objects an application needs and the slots of its CNode they go to. Fixed slots first
 * (1 TCB, 2 the CNode itself, 3 VSpace, 4 scheduling context, 5 reply, 6 IPC buffer), then from
 * slot 8 endpoints, untypeds handed over, paging structures and frames.
 */
public final class ObjectPlan {

    static final int SLOT_TCB = 1;
    static final int SLOT_CNODE = 2;
    static final int SLOT_VSPACE = 3;
    static final int SLOT_SCHED_CONTEXT = 4;
    static final int SLOT_REPLY = 5;
    static final int SLOT_IPC_BUFFER = 6;
    static final int FIRST_FREE_SLOT = 8;
    /** The smallest application CNode: 256 slots. */
    static final int MIN_RADIX = 8;
    /** Scheduling contexts get the minimum size, seL4_MinSchedContextBits. */
    static final int SCHED_CONTEXT_BITS = KernelConfig.MIN_SCHED_CONTEXT_BITS;

    /** Where a group's caps come from: retyped from RAM, retyped from device memory, or made otherwise (minted, IRQ). */
    public enum Source { RAM, DEVICE, NONE }

    /** count objects of one type and role, with caps in slots [firstSlot, firstSlot + count). */
    public record Group(String role, ObjectType type, long userSize, int count, int firstSlot, Source source) {
        Group(String role, ObjectType type, long userSize, int count, int firstSlot) {
            this(role, type, userSize, count, firstSlot, Source.RAM);
        }
    }

    /** A group the plan gives slots to after the application's own: type null for caps that are no object. */
    public record Extra(String role, ObjectType type, long userSize, int count, Source source) {
    }

    private final List<Group> groups;
    private final int radix;

    private ObjectPlan(List<Group> groups, int radix) {
        this.groups = groups;
        this.radix = radix;
    }

    public static ObjectPlan of(ApplicationDescription app, AddressSpaceLayout layout, KernelConfig config) {
        return of(app, layout, config, List.of());
    }

    /** The plan with extra groups (consumed protocols, IRQ handlers, a guest's objects) after the frames. */
    public static ObjectPlan of(ApplicationDescription app, AddressSpaceLayout layout, KernelConfig config,
                                List<Extra> extras) {
        List<Group> g = new ArrayList<>();
        g.add(new Group("thread", ObjectType.TCB, 0, 1, SLOT_TCB));
        g.add(new Group("address space", ObjectType.VSPACE, 0, 1, SLOT_VSPACE));
        if (config.mcs()) {
            g.add(new Group("scheduling context", ObjectType.SCHED_CONTEXT, SCHED_CONTEXT_BITS, 1, SLOT_SCHED_CONTEXT));
            g.add(new Group("reply", ObjectType.REPLY, 0, 1, SLOT_REPLY));
        }
        int slot = FIRST_FREE_SLOT;
        if (!app.publishes().isEmpty()) {
            g.add(new Group("endpoints", ObjectType.ENDPOINT, 0, app.publishes().size(), slot));
            slot += app.publishes().size();
        }
        if (app.utLargePages() > 0) {
            g.add(new Group("untyped 2 MiB", ObjectType.UNTYPED, 21, app.utLargePages(), slot));
            slot += app.utLargePages();
        }
        if (app.ut4kPages() > 0) {
            g.add(new Group("untyped 4 KiB", ObjectType.UNTYPED, 12, app.ut4kPages(), slot));
            slot += app.ut4kPages();
        }
        boolean arm = config.architecture() == Architecture.AARCH64;
        ObjectType[] levelType = arm
                ? new ObjectType[] {null, ObjectType.PAGE_TABLE, ObjectType.PAGE_TABLE, ObjectType.PAGE_TABLE}
                : new ObjectType[] {null, ObjectType.PDPT, ObjectType.PAGE_DIRECTORY, ObjectType.PAGE_TABLE};
        for (int bits : config.vspace().tableWindowBits()) {
            int level = VSpaceGeometry.levelOfWindow(bits);
            int n = layout.windows(bits).size();
            if (n > 0) {
                g.add(new Group("paging level " + level, levelType[level], 0, n, slot));
                slot += n;
            }
        }
        for (AddressSpaceLayout.Area a : layout.areas()) {
            if (a.role().equals("ipc buffer")) {
                g.add(new Group(a.name(), ObjectType.FRAME_4K, 0, 1, SLOT_IPC_BUFFER));
            } else if (!a.pages().isEmpty()) {
                Source source = a.role().equals(AddressSpaceLayout.DEVICE_ROLE) ? Source.DEVICE : Source.RAM;
                g.add(new Group(a.name(), ObjectType.FRAME_4K, 0, a.pages().size(), slot, source));
                slot += a.pages().size();
            }
        }
        for (Extra e : extras) {
            if (e.count() > 0) {
                g.add(new Group(e.role(), e.type(), e.userSize(), e.count(), slot, e.source()));
                slot += e.count();
            }
        }
        // Twice the slots the boot needs, so the application has room for caps of its own.
        int radix = Math.max(MIN_RADIX, 64 - Long.numberOfLeadingZeros(2L * slot - 1));
        return new ObjectPlan(List.copyOf(g), radix);
    }

    /** The groups retyped from RAM in allocation order: largest objects first, like the capDL loader; ties keep plan order. */
    public List<Group> allocationOrder(KernelConfig config) {
        List<Group> sorted = new ArrayList<>(groups.stream().filter(x -> x.source() == Source.RAM).toList());
        sorted.sort(Comparator.comparingLong((Group x) -> -x.type().sizeBits(config, x.userSize())));
        return sorted;
    }

    public List<Group> groups() {
        return groups;
    }

    public int radix() {
        return radix;
    }

    public boolean has(String role) {
        return groups.stream().anyMatch(x -> x.role().equals(role));
    }

    public Group group(String role) {
        return groups.stream().filter(x -> x.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group " + role));
    }
}
