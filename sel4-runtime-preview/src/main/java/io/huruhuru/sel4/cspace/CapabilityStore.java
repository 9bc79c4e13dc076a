package io.huruhuru.sel4.cspace;

import io.huruhuru.sel4.cspace.Capability.NullCap;
import io.huruhuru.sel4.kernel.ObjectType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every CNode's slots and the capability derivation tree between them (the kernel's MDB,
 * src/object/cnode.c and src/model/preemption-free cteDelete/cteRevoke semantics).
 */
public final class CapabilityStore {

    /** What the kernel does when a capability leaves its slot (finaliseCap in src/object/objecttype.c). */
    public interface Finaliser {
        void finalise(Capability cap, boolean isFinal);
    }

    private record ObjectKey(ObjectType type, long paddr) {
        /** Objects are size-aligned, so their addresses share their low bits: spread them as {@link Slot} does. */
        @Override
        public int hashCode() {
            return 31 * type.ordinal() + Long.hashCode(paddr * 0x9E3779B97F4A7C15L);
        }
    }

    private static final NullCap NULL = new NullCap();

    private final Map<Long, Capability[]> cnodes = new HashMap<>();
    private final Map<Slot, Slot> parentOf = new HashMap<>();
    private final Map<Slot, LinkedHashSet<Slot>> childrenOf = new HashMap<>();
    private final Map<ObjectKey, Integer> capsPerObject = new HashMap<>();
    private Finaliser finaliser = (cap, isFinal) -> { };

    public void setFinaliser(Finaliser finaliser) {
        this.finaliser = finaliser;
    }

    /** Makes the slots of a new CNode object, all holding the null cap. */
    public void createCNode(long paddr, int radix) {
        Capability[] slots = new Capability[1 << radix];
        java.util.Arrays.fill(slots, NULL);
        cnodes.put(paddr, slots);
    }

    public boolean cnodeExists(long paddr) {
        return cnodes.containsKey(paddr);
    }

    public int cnodeSize(long paddr) {
        return cnodes.get(paddr).length;
    }

    public Capability get(Slot slot) {
        Capability[] slots = cnodes.get(slot.cnode());
        if (slots == null || slot.index() >= slots.length) {
            throw new IllegalArgumentException("no such slot " + slot);
        }
        return slots[slot.index()];
    }

    public boolean isEmpty(Slot slot) {
        return get(slot) instanceof NullCap;
    }

    /** Puts a cap into an empty slot as a child of parent (or as a root of the tree when parent is empty). */
    public void insert(Slot slot, Capability cap, Optional<Slot> parent) {
        if (!isEmpty(slot)) {
            throw new IllegalStateException("slot " + slot + " is not empty");
        }
        cnodes.get(slot.cnode())[slot.index()] = cap;
        parent.ifPresent(p -> {
            parentOf.put(slot, p);
            childrenOf.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(slot);
        });
        key(cap).ifPresent(k -> capsPerObject.merge(k, 1, Integer::sum));
    }

    /** Replaces the cap in an occupied slot by an updated form of the same cap (watermark, mapping). */
    public void update(Slot slot, Capability cap) {
        if (isEmpty(slot)) {
            throw new IllegalStateException("slot " + slot + " is empty");
        }
        cnodes.get(slot.cnode())[slot.index()] = cap;
    }

    public boolean hasChildren(Slot slot) {
        Set<Slot> kids = childrenOf.get(slot);
        return kids != null && !kids.isEmpty();
    }

    public List<Slot> children(Slot slot) {
        Set<Slot> kids = childrenOf.get(slot);
        return kids == null ? List.of() : List.copyOf(kids);
    }

    public Optional<Slot> parent(Slot slot) {
        return Optional.ofNullable(parentOf.get(slot));
    }

    /** isFinalCapability: no other slot holds a cap to the same object. */
    public boolean isFinal(Slot slot) {
        return key(get(slot)).map(k -> capsPerObject.getOrDefault(k, 0) <= 1).orElse(true);
    }

    /**
     * cteDelete: empties the slot, hands its children to its parent (the MDB is a list ordered by
     * depth, so descendants stay descendants of the parent) and finalises the cap.
     */
    public void delete(Slot slot) {
        Capability cap = get(slot);
        if (cap instanceof NullCap) {
            return;
        }
        boolean isFinal = isFinal(slot);
        Slot parent = parentOf.remove(slot);
        LinkedHashSet<Slot> kids = childrenOf.remove(slot);
        if (parent != null) {
            childrenOf.get(parent).remove(slot);
        }
        if (kids != null) {
            for (Slot kid : kids) {
                if (parent != null) {
                    parentOf.put(kid, parent);
                    childrenOf.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(kid);
                } else {
                    parentOf.remove(kid);
                }
            }
        }
        cnodes.get(slot.cnode())[slot.index()] = NULL;
        key(cap).ifPresent(k -> capsPerObject.computeIfPresent(k, (kk, n) -> n <= 1 ? null : n - 1));
        finaliser.finalise(cap, isFinal);
    }

    /** cteRevoke: deletes every descendant of the slot, deepest first; the slot itself stays. */
    public void revoke(Slot slot) {
        while (hasChildren(slot)) {
            List<Slot> kids = children(slot);
            Slot last = kids.get(kids.size() - 1);
            revoke(last);
            delete(last);
        }
    }

    /** Removes a finalised CNode object, deleting every cap it still holds first. */
    public void destroyCNode(long paddr) {
        Capability[] slots = cnodes.get(paddr);
        if (slots == null) {
            return;
        }
        for (int i = 0; i < slots.length; i++) {
            if (!(slots[i] instanceof NullCap)) {
                delete(new Slot(paddr, i));
            }
        }
        cnodes.remove(paddr);
    }

    /** The occupied slots of one CNode, in index order. */
    public List<Slot> occupied(long cnode) {
        Capability[] slots = cnodes.get(cnode);
        List<Slot> out = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            if (!(slots[i] instanceof NullCap)) {
                out.add(new Slot(cnode, i));
            }
        }
        return out;
    }

    private static Optional<ObjectKey> key(Capability cap) {
        return cap.objectType().map(t -> new ObjectKey(t, cap.paddr()));
    }
}
