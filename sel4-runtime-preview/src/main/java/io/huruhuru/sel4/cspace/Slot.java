package io.huruhuru.sel4.cspace;

/** A capability slot: an index into the CNode object at a physical address. */
public record Slot(long cnode, int index) implements Comparable<Slot> {

    public Slot {
        if (index < 0) {
            throw new IllegalArgumentException("slot index must not be negative");
        }
    }

    /**
     * CNodes sit at physical addresses aligned to their size, so the record's default hash (31 * cnode + index) leaves
     * the bits a hash table indexes by equal for the slots of CNodes that lie close together: they pile into one
     * bucket. Multiplying by an odd constant and folding the high half down spreads them.
     */
    @Override
    public int hashCode() {
        return 31 * Long.hashCode(cnode * 0x9E3779B97F4A7C15L) + index;
    }

    @Override
    public int compareTo(Slot o) {
        int c = Long.compareUnsigned(cnode, o.cnode);
        return c != 0 ? c : Integer.compare(index, o.index);
    }
}
