package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.boot.BootUntyped;
import io.huruhuru.sel4.cspace.Capability.UntypedCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.kernel.SyscallError;
import io.huruhuru.sel4.report.StepLog;
import io.huruhuru.sel4.untyped.RetypeRequest;
import io.huruhuru.sel4.untyped.UntypedRetype;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The boot untypeds (RAM and device) and which application uses each. An untyped serves one application at a
 * time because seL4 only rewinds an untyped's watermark once it has no children left: sharing one would strand
 * the bytes of whichever application is torn down first. So that many applications fit, the root server splits
 * a large free untyped in halves (a retype into two untypeds, as allocman's buddy splitting does) and hands out
 * one half; halves that are both free again are deleted, which makes their parent whole again.
 */
public final class UntypedPool {

    /** A RAM untyped larger than this (4 MiB) is split before an application claims it. */
    static final int CHUNK_BITS = 22;
    /** One retype of 4 KiB frames covers at most 2^20 bytes (CONFIG_RETYPE_FAN_OUT_LIMIT = 256 frames). */
    private static final int MAX_DEVICE_BLOCK_BITS = 20;

    /** Root CNode slots for the halves of split untypeds. */
    interface RootSlots {
        boolean hasFree(int n);

        int alloc();

        void free(int slot);
    }

    /** Why a device region cannot be handed out: a root server rule and the reason in words. */
    record Refusal(String code, String detail) {
    }

    private final Kernel kernel;
    private final long rootCNode;
    private final RootSlots slots;
    private final List<Slot> ram = new ArrayList<>();
    private final List<Slot> device = new ArrayList<>();
    private final Map<Slot, String> claimedBy = new HashMap<>();
    /** Split untypeds, in the order they were split, to their two halves. */
    private final Map<Slot, Slot[]> halves = new LinkedHashMap<>();

    UntypedPool(Kernel kernel, long rootCNode, List<BootUntyped> untypeds, RootSlots slots) {
        this.kernel = kernel;
        this.rootCNode = rootCNode;
        this.slots = slots;
        for (BootUntyped u : untypeds) {
            (u.isDevice() ? device : ram).add(new Slot(rootCNode, u.slot()));
        }
    }

    /** RAM bytes a retype could still use, over every RAM untyped not split in halves. */
    public long freeBytes() {
        return ram.stream().mapToLong(s -> UntypedRetype.availableBytes(kernel, s)).sum();
    }

    /** Gives back every untyped an application claimed, then merges halves that are both free again. */
    void release(String application) {
        claimedBy.values().removeIf(application::equals);
        boolean merged = true;
        while (merged) {
            merged = false;
            List<Slot> parents = new ArrayList<>(halves.keySet());
            for (int i = parents.size() - 1; i >= 0; i--) {
                Slot parent = parents.get(i);
                Slot[] h = halves.get(parent);
                if (isFreeLeaf(h[0]) && isFreeLeaf(h[1])) {
                    List<Slot> leaves = ((UntypedCap) kernel.caps().get(parent)).isDevice() ? device : ram;
                    leaves.set(leaves.indexOf(h[0]), parent);
                    leaves.remove(h[1]);
                    for (Slot half : h) {
                        kernel.caps().delete(half);
                        slots.free(half.index());
                    }
                    halves.remove(parent);
                    merged = true;
                }
            }
        }
    }

    private boolean isFreeLeaf(Slot s) {
        return !halves.containsKey(s) && !claimedBy.containsKey(s) && !kernel.caps().hasChildren(s);
    }

    /** Where new caps go: a CNode named by an index and depth from the root server's CSpace root. */
    record Destination(Slot root, long nodeIndex, int nodeDepth) {
    }

    /**
     * Creates count objects with as few retypes as the fan-out limit and the untypeds allow: the
     * application's own untypeds first, then the smallest unclaimed untyped that fits, split down to what the
     * objects still need (at least 4 MiB), which it claims. Each retype is one step; the first failing
     * retype's error is returned.
     */
    Result<List<UntypedRetype.Created>> retype(String application, String phase, StepLog log, ObjectType type,
                                              long userSize, int count, Destination dest, int firstSlot) {
        int bits = (int) type.sizeBits(kernel.config(), userSize);
        List<UntypedRetype.Created> created = new ArrayList<>(count);
        int remaining = count;
        int slot = firstSlot;
        String typeName = type.displayName(kernel.config());
        while (remaining > 0) {
            Slot ut = pick(application, bits);
            int n = Math.min(remaining, kernel.config().retypeFanOutLimit());
            if (ut != null) {
                if (!application.equals(claimedBy.get(ut))) {
                    int want = Math.max(CHUNK_BITS, bits + 64 - Long.numberOfLeadingZeros((long) remaining - 1));
                    long low = ((UntypedCap) kernel.caps().get(ut)).paddr();
                    Result<Slot> split = splitDown(application, phase, log, ut, want, low);
                    if (split instanceof Result.Err<Slot> err) {
                        return Result.err(err.error());
                    }
                    ut = ((Result.Ok<Slot>) split).value();
                }
                n = (int) Math.min(n, UntypedRetype.availableBytes(kernel, ut) >>> bits);
            } else {
                ut = largestUsable(application);
                if (ut == null) {
                    StepLog.Builder b = log.step(application, phase, "Untyped_Retype").object(typeName, bits, n);
                    b.record("failed");
                    return Result.err(new SyscallError.NotEnoughMemory(0,
                            "every RAM untyped is in use by another application"));
                }
            }
            Result<List<UntypedRetype.Created>> r = retypeOne(application, phase, log, ut, type, userSize, n, dest, slot,
                    null);
            if (r instanceof Result.Err<List<UntypedRetype.Created>>) {
                return r;
            }
            claimedBy.put(ut, application);
            created.addAll(((Result.Ok<List<UntypedRetype.Created>>) r).value());
            remaining -= n;
            slot += n;
        }
        return Result.ok(created);
    }

    /** Why the device region [paddr, paddr + bytes) cannot go to the application, if it cannot. */
    Optional<Refusal> deviceRefusal(String application, long paddr, long bytes) {
        for (long cur = paddr; cur < paddr + bytes; ) {
            Slot leaf = deviceLeafAt(cur);
            if (leaf == null) {
                return Optional.of(new Refusal("rootServer_NoDeviceUntyped", "no device untyped covers 0x"
                        + Long.toHexString(cur) + ": it is RAM, a device the kernel keeps, or above CONFIG_PADDR_USER_DEVICE_TOP"));
            }
            String owner = claimedBy.get(leaf);
            if (owner != null && !owner.equals(application)) {
                return Optional.of(new Refusal("rootServer_DeviceInUse", "the device memory at 0x" + Long.toHexString(cur)
                        + " is already held by application '" + owner + "'"));
            }
            cur += 1L << blockBits(cur, paddr + bytes, leaf);
        }
        return Optional.empty();
    }

    /**
     * Retypes the device region [paddr, paddr + bytes), page aligned, into 4 KiB device frames at dest from
     * firstSlot on: each aligned block is split out of the device untyped covering it and claimed.
     */
    Result<List<UntypedRetype.Created>> retypeDevice(String application, String phase, StepLog log, long paddr,
                                                    long bytes, Destination dest, int firstSlot, String detail) {
        List<UntypedRetype.Created> created = new ArrayList<>();
        int slot = firstSlot;
        for (long cur = paddr; cur < paddr + bytes; ) {
            Slot leaf = deviceLeafAt(cur);
            int b = blockBits(cur, paddr + bytes, leaf);
            Result<Slot> split = splitDown(application, phase, log, leaf, b, cur);
            if (split instanceof Result.Err<Slot> err) {
                return Result.err(err.error());
            }
            leaf = ((Result.Ok<Slot>) split).value();
            int n = 1 << (b - KernelConfig.PAGE_BITS);
            Result<List<UntypedRetype.Created>> r = retypeOne(application, phase, log, leaf, ObjectType.FRAME_4K, 0, n,
                    dest, slot, detail);
            if (r instanceof Result.Err<List<UntypedRetype.Created>>) {
                return r;
            }
            claimedBy.put(leaf, application);
            created.addAll(((Result.Ok<List<UntypedRetype.Created>>) r).value());
            slot += n;
            cur += 1L << b;
        }
        return Result.ok(created);
    }

    /** The largest aligned power-of-two block at cur inside the leaf and below end, between a page and 2^20 bytes. */
    private int blockBits(long cur, long end, Slot leaf) {
        int b = Math.min(Long.numberOfTrailingZeros(cur), MAX_DEVICE_BLOCK_BITS);
        b = Math.min(b, ((UntypedCap) kernel.caps().get(leaf)).sizeBits());
        while (b > KernelConfig.PAGE_BITS && cur + (1L << b) > end) {
            b--;
        }
        return b;
    }

    private Slot deviceLeafAt(long paddr) {
        for (Slot s : device) {
            UntypedCap u = (UntypedCap) kernel.caps().get(s);
            if (Long.compareUnsigned(paddr, u.paddr()) >= 0 && Long.compareUnsigned(paddr - u.paddr(), 1L << u.sizeBits()) < 0) {
                return s;
            }
        }
        return null;
    }

    /**
     * Splits a free leaf in halves until it is 2^targetBits bytes (or no root slot is left), keeping the half
     * that holds the address want. Each half is one retype step of one untyped into a root CNode slot.
     */
    private Result<Slot> splitDown(String application, String phase, StepLog log, Slot leaf, int targetBits, long want) {
        Slot current = leaf;
        while (((UntypedCap) kernel.caps().get(current)).sizeBits() > targetBits && slots.hasFree(2)
                && !kernel.caps().hasChildren(current)) {
            UntypedCap c = (UntypedCap) kernel.caps().get(current);
            Destination root = new Destination(new Slot(rootCNode, RootServer.CAP_INIT_THREAD_CNODE), 0, 0);
            Slot[] h = new Slot[2];
            for (int i = 0; i < 2; i++) {
                int slot = slots.alloc();
                Result<List<UntypedRetype.Created>> r = retypeOne(application, phase, log, current, ObjectType.UNTYPED,
                        c.sizeBits() - 1, 1, root, slot, "the root server splits a 2^" + c.sizeBits()
                                + " byte untyped in halves and keeps them; the one at 0x" + Long.toHexString(want)
                                + " goes on to " + application);
                if (r instanceof Result.Err<List<UntypedRetype.Created>> err) {
                    slots.free(slot);
                    return Result.err(err.error());
                }
                h[i] = new Slot(rootCNode, slot);
            }
            List<Slot> leaves = c.isDevice() ? device : ram;
            int at = leaves.indexOf(current);
            leaves.set(at, h[0]);
            leaves.add(at + 1, h[1]);
            halves.put(current, h);
            long middle = c.paddr() + (1L << (c.sizeBits() - 1));
            current = Long.compareUnsigned(want, middle) < 0 ? h[0] : h[1];
        }
        return Result.ok(current);
    }

    private Result<List<UntypedRetype.Created>> retypeOne(String application, String phase, StepLog log, Slot ut,
                                                         ObjectType type, long userSize, int n, Destination dest,
                                                         int slot, String detail) {
        RetypeRequest request = new RetypeRequest(type, userSize, dest.root(), dest.nodeIndex(), dest.nodeDepth(), slot, n);
        Result<List<UntypedRetype.Created>> r = UntypedRetype.retype(kernel, ut, request);
        UntypedCap cap = (UntypedCap) kernel.caps().get(ut);
        int bits = (int) type.sizeBits(kernel.config(), userSize);
        StepLog.Builder b = log.step(application, phase, "Untyped_Retype").object(type.displayName(kernel.config()),
                bits, n).untyped(cap.paddr()).slot(slotText(slot, n));
        if (r instanceof Result.Err<List<UntypedRetype.Created>> err) {
            b.detail(err.error().detail()).record("failed");
            return r;
        }
        List<UntypedRetype.Created> batch = ((Result.Ok<List<UntypedRetype.Created>>) r).value();
        b.paddr(batch.get(0).paddr());
        if (detail != null) {
            b.detail(detail);
        }
        b.record("ok");
        return r;
    }

    private Slot pick(String application, int bits) {
        Slot best = null;
        for (Slot s : ram) {
            if (application.equals(claimedBy.get(s)) && (UntypedRetype.availableBytes(kernel, s) >>> bits) >= 1) {
                return s;
            }
        }
        long bestSize = Long.MAX_VALUE;
        for (Slot s : ram) {
            if (!claimedBy.containsKey(s) && !halves.containsKey(s)) {
                long avail = UntypedRetype.availableBytes(kernel, s);
                if ((avail >>> bits) >= 1 && avail < bestSize) {
                    best = s;
                    bestSize = avail;
                }
            }
        }
        return best;
    }

    /** The untyped whose retype will report the shortfall: the application's or a free one, most room first. */
    private Slot largestUsable(String application) {
        Slot best = null;
        long bestAvail = -1;
        for (Slot s : ram) {
            String owner = claimedBy.get(s);
            if (owner == null || owner.equals(application)) {
                long avail = UntypedRetype.availableBytes(kernel, s);
                if (avail > bestAvail) {
                    best = s;
                    bestAvail = avail;
                }
            }
        }
        return best;
    }

    static String slotText(int first, int n) {
        return n == 1 ? Integer.toString(first) : first + "-" + (first + n - 1);
    }
}
