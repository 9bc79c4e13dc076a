package io.huruhuru.sel4.run;

import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.run.posix.PosixRuntime;
import io.huruhuru.sel4.vspace.VSpace;
import io.huruhuru.sel4.vspace.VSpaceInvocations;
import java.util.Map;

/** The root server's frame caps of one application, by the vaddr each was mapped at, invoked for its runtime. */
final class RootServerFrames implements PosixRuntime.PageProtection {

    private final Kernel kernel;
    private final Map<Long, Slot> frames;
    private final Slot vspaceCap;
    private final VSpace vspace;

    RootServerFrames(Kernel kernel, Map<Long, Slot> frames, Slot vspaceCap, VSpace vspace) {
        this.kernel = kernel;
        this.frames = frames;
        this.vspaceCap = vspaceCap;
        this.vspace = vspace;
    }

    @Override
    public boolean protect(long vaddr, boolean read, boolean write, boolean execute) {
        Slot frame = frames.get(vaddr);
        VSpace.Translation t = vspace.translate(vaddr);
        if (frame == null || t == null) {
            return false;
        }
        VSpaceInvocations.mapFrame(kernel, frame, vspaceCap, vaddr, new Rights(read, write, false, false),
                t.cacheable(), !execute);
        VSpace.Translation now = vspace.translate(vaddr);
        return now.readable() == read && now.writable() == write && now.executable() == execute;
    }

    @Override
    public boolean unmap(long vaddr) {
        Slot frame = frames.get(vaddr);
        return frame != null && vspace.translate(vaddr) != null
                && VSpaceInvocations.unmapFrame(kernel, frame).isEmpty() && vspace.translate(vaddr) == null;
    }

    @Override
    public boolean mapReadWrite(long vaddr) {
        Slot frame = frames.get(vaddr);
        if (frame == null) {
            return false;
        }
        // Heap frames are cacheable and never executable (the loader maps them with seL4_ARM_ExecuteNever).
        return VSpaceInvocations.mapFrame(kernel, frame, vspaceCap, vaddr, new Rights(true, true, false, false),
                true, true).isEmpty();
    }
}
