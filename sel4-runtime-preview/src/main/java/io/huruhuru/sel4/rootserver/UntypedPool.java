package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.boot.BootUntyped;
import io.huruhuru.sel4.cspace.Capability.UntypedCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.kernel.SyscallError;
import io.huruhuru.sel4.report.StepLog;
import io.huruhuru.sel4.untyped.RetypeRequest;
import io.huruhuru.sel4.untyped.UntypedRetype;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The boot RAM untypeds and which application uses each. An untyped serves one application at a time
 * because seL4 only rewinds an untyped's watermark once it has no children left: sharing one would
 * strand the bytes of whichever application is torn down first.
 */
public final class UntypedPool {

    private final Kernel kernel;
    private final List<Slot> ram = new ArrayList<>();
    private final Map<Slot, String> claimedBy = new HashMap<>();

    UntypedPool(Kernel kernel, long rootCNode, List<BootUntyped> untypeds) {
        this.kernel = kernel;
        for (BootUntyped u : untypeds) {
            if (!u.isDevice()) {
                ram.add(new Slot(rootCNode, u.slot()));
            }
        }
    }

    /** RAM bytes a retype could still use, over every boot untyped. */
    public long freeBytes() {
        return ram.stream().mapToLong(s -> UntypedRetype.availableBytes(kernel, s)).sum();
    }

    void release(String application) {
        claimedBy.values().removeIf(application::equals);
    }

    /** Where new caps go: a CNode named by an index and depth from the root server's CSpace root. */
    record Destination(Slot root, long nodeIndex, int nodeDepth) {
    }

    /**
     * Creates count objects with as few retypes as the fan-out limit and the untypeds allow: the
     * application's own untypeds first, then the smallest unclaimed untyped that fits, which it claims.
     * Each retype is one step; the first failing retype's error is returned.
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
            RetypeRequest request = new RetypeRequest(type, userSize, dest.root(), dest.nodeIndex(), dest.nodeDepth(),
                    slot, n);
            Result<List<UntypedRetype.Created>> r = UntypedRetype.retype(kernel, ut, request);
            UntypedCap cap = (UntypedCap) kernel.caps().get(ut);
            StepLog.Builder b = log.step(application, phase, "Untyped_Retype").object(typeName, bits, n)
                    .untyped(cap.paddr()).slot(slotText(slot, n));
            if (r instanceof Result.Err<List<UntypedRetype.Created>> err) {
                b.detail(err.error().detail()).record("failed");
                return r;
            }
            List<UntypedRetype.Created> batch = ((Result.Ok<List<UntypedRetype.Created>>) r).value();
            b.paddr(batch.get(0).paddr()).record("ok");
            claimedBy.put(ut, application);
            created.addAll(batch);
            remaining -= n;
            slot += n;
        }
        return Result.ok(created);
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
            if (!claimedBy.containsKey(s)) {
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
