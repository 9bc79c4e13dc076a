package io.huruhuru.sel4.run;

import io.huruhuru.sel4.cpu.AddressSpace;
import io.huruhuru.sel4.cpu.Miss;
import io.huruhuru.sel4.cpu.Page;
import io.huruhuru.sel4.kernel.PhysicalMemory;
import io.huruhuru.sel4.vspace.VSpace;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * An application's memory as its thread sees it: each access translated through its VSpace (4 KiB pages, 2 MiB
 * and 1 GiB blocks alike) to the bytes of physical memory, with the rights of the mapping. The root server's own
 * writes (segments, initial stack) go through its mapping of the same frames and ignore the application's rights.
 */
public final class ApplicationMemory implements AddressSpace {

    private static final int PAGE = PhysicalMemory.PAGE_BYTES;

    private final VSpace vspace;
    private final PhysicalMemory physical;
    private final long userLimit;
    private final boolean stageTwo;
    private LongConsumer codeWritten = va -> { };

    public ApplicationMemory(VSpace vspace, PhysicalMemory physical) {
        this(vspace, physical, Long.MAX_VALUE, false);
    }

    /**
     * @param userLimit one past the last user address (VSpaceGeometry.userLimit)
     * @param stageTwo whether the VSpace is a stage-2 translation (a hypervisor kernel: native threads run with
     *                 stage 1 off, so an address is an IPA and one beyond the physical address size is an address
     *                 size fault rather than a translation fault)
     */
    public ApplicationMemory(VSpace vspace, PhysicalMemory physical, long userLimit, boolean stageTwo) {
        this.vspace = vspace;
        this.physical = physical;
        this.userLimit = userLimit;
        this.stageTwo = stageTwo;
    }

    @Override
    public Miss miss(long vaddr) {
        if (stageTwo && Long.compareUnsigned(vaddr, userLimit) >= 0) {
            return new Miss(true, 0);
        }
        int level = vspace.missingLevel(vaddr);
        // A mapped frame without the right is a permission fault, reported by the caller; level 3 stands in.
        return new Miss(false, level < 0 ? 3 : level);
    }

    /**
     * Who hears of a copy_to_user into an executable page (the cpu, whose decoded blocks of that page go stale):
     * the kernel's copy is no store the cpu sees.
     */
    public void whenCodeWritten(LongConsumer listener) {
        this.codeWritten = listener;
    }

    @Override
    public Page page(long vaddr) {
        VSpace.Translation t = vspace.translate(vaddr);
        if (t == null) {
            return null;
        }
        return new Page(physical.page(t.paddr()), 0, t.readable(), t.writable(), t.executable());
    }

    /** Writes bytes as the root server does, through its own mapping of the frames. */
    public void rootServerWrite(long vaddr, byte[] bytes, int from, int length) {
        int done = 0;
        while (done < length) {
            long va = vaddr + done;
            VSpace.Translation t = vspace.translate(va);
            if (t == null) {
                throw new IllegalStateException("the root server writes to 0x" + Long.toHexString(va)
                        + ", which the application's VSpace does not map");
            }
            int in = (int) (va & (PAGE - 1));
            int n = Math.min(length - done, PAGE - in);
            System.arraycopy(bytes, from + done, physical.page(t.paddr()), in, n);
            done += n;
        }
    }

    public void rootServerWrite64(long vaddr, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        rootServerWrite(vaddr, b, 0, 8);
    }

    /** The bytes at vaddr whatever the application's rights, or null if any of them is unmapped. */
    public byte[] rootServerRead(long vaddr, int length) {
        byte[] out = new byte[length];
        return copy(vaddr, out, false, false) ? out : null;
    }

    /**
     * Copies user memory into a buffer with the application's read right, as the kernel's copy_from_user does;
     * false (EFAULT) when any byte is unmapped or unreadable.
     */
    public boolean copyIn(long vaddr, byte[] into) {
        return copy(vaddr, into, true, false);
    }

    /** Copies a buffer into user memory with the application's write right (copy_to_user); false for EFAULT. */
    public boolean copyOut(long vaddr, byte[] from) {
        return copy(vaddr, from, true, true);
    }

    /** What strncpy_from_user found: the string, an unreadable byte before its NUL, or no NUL within the limit. */
    public sealed interface UserString {
        /** The bytes before the NUL, as UTF-8. */
        record Text(String value) implements UserString { }

        /** A byte before the NUL was unmapped or unreadable (EFAULT). */
        record Fault() implements UserString { }

        /** max bytes were read and none was NUL (ENAMETOOLONG for a path). */
        record TooLong() implements UserString { }
    }

    /**
     * A NUL-terminated string of at most max bytes from user memory, read byte by byte as Linux's
     * strncpy_from_user (lib/strncpy_from_user.c) does: a fault on the way is EFAULT even when the first byte was
     * readable; only a string that is readable for max bytes without a NUL is too long.
     */
    public UserString copyInString(long vaddr, int max) {
        byte[] buf = new byte[max];
        for (int i = 0; i < max; i++) {
            VSpace.Translation t = vspace.translate(vaddr + i);
            if (t == null || !t.readable()) {
                return new UserString.Fault();
            }
            byte c = physical.page(t.paddr())[(int) ((vaddr + i) & (PAGE - 1))];
            if (c == 0) {
                return new UserString.Text(new String(buf, 0, i, StandardCharsets.UTF_8));
            }
            buf[i] = c;
        }
        return new UserString.TooLong();
    }

    private boolean copy(long vaddr, byte[] buf, boolean userRights, boolean toUser) {
        int done = 0;
        while (done < buf.length) {
            long va = vaddr + done;
            VSpace.Translation t = vspace.translate(va);
            if (t == null || (userRights && !(toUser ? t.writable() : t.readable()))) {
                return false;
            }
            int in = (int) (va & (PAGE - 1));
            int n = Math.min(buf.length - done, PAGE - in);
            byte[] frame = physical.page(t.paddr());
            if (toUser) {
                System.arraycopy(buf, done, frame, in, n);
                if (t.executable()) {
                    codeWritten.accept(va);
                }
            } else {
                System.arraycopy(frame, in, buf, done, n);
            }
            done += n;
        }
        return true;
    }

    public VSpace vspace() {
        return vspace;
    }
}
