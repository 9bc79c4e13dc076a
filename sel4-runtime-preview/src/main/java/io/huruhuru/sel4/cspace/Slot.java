package io.huruhuru.sel4.cspace;

/** A capability slot: an index into the CNode object at a physical address. */
public record Slot(long cnode, int index) implements Comparable<Slot> {

    public Slot {
        if (index < 0) {
            throw new IllegalArgumentException("slot index must not be negative");
        }
    }

    @Override
    public int compareTo(Slot o) {
        int c = Long.compareUnsigned(cnode, o.cnode);
        return c != 0 ? c : Integer.compare(index, o.index);
    }
}
