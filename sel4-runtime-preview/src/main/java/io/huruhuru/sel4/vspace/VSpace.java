package io.huruhuru.sel4.vspace;

import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.kernel.ObjectType;
import java.util.HashMap;
import java.util.Map;

/**
 * An address space with a 4 KiB granule: the root (level 0, or level 1 when stage-2 translation starts there)
 * and the tables below it, each covering a 2^39, 2^30 or 2^21 byte window (src/arch/arm/64/kernel/vspace.c,
 * x86_64 likewise).
 */
public final class VSpace {

    /** Bits of address a slot at each level resolves: level 0 slots cover 2^39, level 3 slots 2^12. */
    static final int[] SLOT_SHIFT = {39, 30, 21, 12};

    /** Where a lookup stopped: the slot's bits left (lookupPTSlot's ptBitsLeft) and whether it is in use. */
    public record SlotLookup(int bitsLeft, boolean valid) {
    }

    private final long paddr;
    private final Architecture architecture;
    /** The Arm level of the root table: lookups start below it (AARCH64_VSPACE_S2_START_L1 makes it 1). */
    private final int rootLevel;
    /** Tables below the root, by level 1..3, keyed by the window they cover (vaddr >>> shift of the level above). */
    private final Map<Long, Long>[] tables;
    /** Frames mapped at each slot level (1: 1 GiB, 2: 2 MiB, 3: 4 KiB), keyed by vaddr >>> that level's shift. */
    private final Map<Long, Long>[] frames;
    /** Frames mapped without seL4_ARM_PageCacheable, by level and key as in frames (no string built per lookup). */
    private final java.util.Set<Long>[] uncached;
    /** Each mapping's access (ACCESS_* bits: the VM rights of the entry and the absence of execute-never). */
    private final Map<Long, Integer>[] access;

    /** A mapping readable at EL0 (AP bits of the entry). */
    public static final int ACCESS_READ = 1;
    /** A mapping writable at EL0. */
    public static final int ACCESS_WRITE = 2;
    /** A mapping without seL4_ARM_ExecuteNever (UXN clear). */
    public static final int ACCESS_EXECUTE = 4;

    /** What a hardware walk finds for one address: the frame byte's physical address and the entry's access. */
    public record Translation(long paddr, int access, boolean cacheable) {
        public boolean readable() {
            return (access & ACCESS_READ) != 0;
        }

        public boolean writable() {
            return (access & ACCESS_WRITE) != 0;
        }

        public boolean executable() {
            return (access & ACCESS_EXECUTE) != 0;
        }
    }

    public VSpace(long paddr, Architecture architecture) {
        this(paddr, architecture, 0);
    }

    @SuppressWarnings("unchecked")
    public VSpace(long paddr, Architecture architecture, int rootLevel) {
        if (rootLevel < 0 || rootLevel > 1) {
            throw new IllegalArgumentException("a VSpace root is at level 0 or 1, not " + rootLevel);
        }
        this.paddr = paddr;
        this.architecture = architecture;
        this.rootLevel = rootLevel;
        this.tables = new Map[] {null, new HashMap<>(), new HashMap<>(), new HashMap<>()};
        this.frames = new Map[] {null, new HashMap<>(), new HashMap<>(), new HashMap<>()};
        this.access = new Map[] {null, new HashMap<>(), new HashMap<>(), new HashMap<>()};
        this.uncached = new java.util.Set[] {null, new java.util.HashSet<>(), new java.util.HashSet<>(),
                new java.util.HashSet<>()};
    }

    public long paddr() {
        return paddr;
    }

    public Architecture architecture() {
        return architecture;
    }

    /** The Arm level of the root table (0, or 1 for a three-level stage-2 address space). */
    public int rootLevel() {
        return rootLevel;
    }

    /** lookupPTSlot: walks down while the entry is a table, and reports the slot it stopped at. */
    public SlotLookup lookupSlot(long vaddr) {
        for (int level = rootLevel + 1; level <= 3; level++) {
            long windowKey = vaddr >>> SLOT_SHIFT[level - 1];
            if (!tables[level].containsKey(windowKey)) {
                // The slot in the level above is either a mapped large frame or empty.
                return new SlotLookup(SLOT_SHIFT[level - 1], level > 1 && frames[level - 1].containsKey(windowKey));
            }
        }
        return new SlotLookup(SLOT_SHIFT[3], frames[3].containsKey(vaddr >>> SLOT_SHIFT[3]));
    }

    void addTable(int level, long vaddr, long tablePaddr) {
        tables[level].put(vaddr >>> SLOT_SHIFT[level - 1], tablePaddr);
    }

    void mapFrame(long vaddr, ObjectType type, long framePaddr, boolean cacheable) {
        mapFrame(vaddr, type, framePaddr, cacheable, ACCESS_READ | ACCESS_WRITE | ACCESS_EXECUTE);
    }

    void mapFrame(long vaddr, ObjectType type, long framePaddr, boolean cacheable, int entryAccess) {
        int level = levelOf(type);
        frames[level].put(vaddr >>> SLOT_SHIFT[level], framePaddr);
        access[level].put(vaddr >>> SLOT_SHIFT[level], entryAccess);
        if (!cacheable) {
            uncached[level].add(vaddr >>> SLOT_SHIFT[level]);
        }
    }

    /**
     * The translation a hardware walk makes for vaddr: the leaf entry (a 4 KiB page, or a 2 MiB or 1 GiB block)
     * that covers it, or null when no frame is mapped there.
     */
    public Translation translate(long vaddr) {
        for (int level = 3; level >= 1; level--) {
            Long frame = frames[level].get(vaddr >>> SLOT_SHIFT[level]);
            if (frame != null) {
                long offset = vaddr & ((1L << SLOT_SHIFT[level]) - 1);
                return new Translation(frame + offset, access[level].get(vaddr >>> SLOT_SHIFT[level]),
                        !uncached[level].contains(vaddr >>> SLOT_SHIFT[level]));
            }
        }
        return null;
    }

    /**
     * The Arm level (rootLevel..3) whose descriptor for vaddr a hardware walk finds invalid, or -1 when a frame
     * maps it: the level a translation fault reports (Arm ARM D8.3, DFSC 0b0001LL).
     */
    public int missingLevel(long vaddr) {
        for (int level = rootLevel; level <= 3; level++) {
            if (level >= 1 && frames[level].containsKey(vaddr >>> SLOT_SHIFT[level])) {
                return -1;
            }
            if (level == 3 || !tables[level + 1].containsKey(vaddr >>> SLOT_SHIFT[level])) {
                return level;
            }
        }
        return 3;
    }

    public void unmapFrame(long vaddr, ObjectType type) {
        int level = levelOf(type);
        frames[level].remove(vaddr >>> SLOT_SHIFT[level]);
        access[level].remove(vaddr >>> SLOT_SHIFT[level]);
        uncached[level].remove(vaddr >>> SLOT_SHIFT[level]);
    }

    /** The physical address of the frame of this size mapped at vaddr, if any. */
    public java.util.Optional<Long> frameAt(long vaddr, ObjectType type) {
        int level = levelOf(type);
        return java.util.Optional.ofNullable(frames[level].get(vaddr >>> SLOT_SHIFT[level]));
    }

    /** Whether the frame mapped at vaddr is mapped with the cacheable attribute. */
    public boolean cacheable(long vaddr, ObjectType type) {
        int level = levelOf(type);
        return !uncached[level].contains(vaddr >>> SLOT_SHIFT[level]);
    }

    public void unmapTable(long tablePaddr) {
        for (int level = 1; level <= 3; level++) {
            tables[level].values().removeIf(p -> p == tablePaddr);
        }
    }

    /** The number of paging structures at a level (1 = PUD/PDPT, 2 = PD, 3 = PT). */
    public int tableCount(int level) {
        return tables[level].size();
    }

    public int frameCount(ObjectType type) {
        return frames[levelOf(type)].size();
    }

    static int levelOf(ObjectType frameType) {
        return switch (frameType) {
            case FRAME_1G -> 1;
            case FRAME_2M -> 2;
            case FRAME_4K -> 3;
            default -> throw new IllegalArgumentException(frameType + " is not a frame type");
        };
    }

    /** The name of a paging level for reports, per architecture. */
    public static String levelName(Architecture architecture, int level) {
        if (architecture == Architecture.AARCH64) {
            return new String[] {"PGD", "PUD", "PD", "PT"}[level];
        }
        return new String[] {"PML4", "PDPT", "PD", "PT"}[level];
    }
}
