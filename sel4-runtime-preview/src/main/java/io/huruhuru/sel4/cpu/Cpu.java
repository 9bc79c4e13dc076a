package io.huruhuru.sel4.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An AArch64 EL0 hart: its registers, and the interpreter that runs decoded blocks over an {@link AddressSpace}. */
public final class Cpu {
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int PAGE = 4096;
    private static final int PAGE_MASK = PAGE - 1;
    /** A block ends after this many instructions so that a budget is checked often enough. */
    static final int MAX_BLOCK = 64;
    private static final int BLOCK_SLOTS = 1 << 13;
    private static final int TLB_SLOTS = 64;

    /** X0..X30. */
    public final long[] x = new long[31];
    public long sp;
    /** The address of the next instruction to execute. */
    public long pc;
    /** N Z C V in bits 31..28, as in the NZCV system register. */
    public int nzcv;
    /** V0..V31: v[2n] = bits 63..0, v[2n+1] = bits 127..64. */
    public final long[] v = new long[64];
    public int fpcr;
    public int fpsr;
    public long tpidrEl0;

    private final AddressSpace memory;
    private long instructions;
    /** Set by an instruction that ends the run (svc, undefined); checked after each block. */
    Stop stop;

    /** The address of the block being executed, so that an instruction can tell how many before it retired. */
    private long blockStart;

    /** Instructions whose Java code failed (a bug in the model, not in the program); tests require none. */
    long internalErrors;

    /** The local exclusive monitor (Arm ARM B2.9): one tagged address, single PE. */
    long exclusiveAddress = -1;
    int exclusiveSize;

    private final Block[] blocks = new Block[BLOCK_SLOTS];
    private final Set<Long> codePages = new HashSet<>();

    private final long[] readTag = new long[TLB_SLOTS];
    private final byte[][] readFrame = new byte[TLB_SLOTS][];
    private final int[] readBase = new int[TLB_SLOTS];
    private final long[] writeTag = new long[TLB_SLOTS];
    private final byte[][] writeFrame = new byte[TLB_SLOTS][];
    private final int[] writeBase = new int[TLB_SLOTS];

    /** A cpu with every register 0 over {@code memory}. */
    public Cpu(AddressSpace memory) {
        this.memory = memory;
        java.util.Arrays.fill(readTag, -1);
        java.util.Arrays.fill(writeTag, -1);
    }

    /** Instructions retired so far. */
    public long instructions() {
        return instructions;
    }

    /**
     * Forgets cached translations and decoded blocks; call it after the AddressSpace's mappings or rights change
     * (mmap, munmap, mprotect), as the kernel's TLB and cache maintenance would.
     */
    public void addressSpaceChanged() {
        java.util.Arrays.fill(readTag, -1);
        java.util.Arrays.fill(writeTag, -1);
        java.util.Arrays.fill(readFrame, null);
        java.util.Arrays.fill(writeFrame, null);
        forgetCode();
    }

    /**
     * Drops the decoded blocks of {@code va}'s page if any were decoded there: for writes the cpu did not make
     * (the root server's copy_to_user into an executable page) and for IC IVAU.
     */
    public void codeWritten(long va) {
        if (codePages.contains(va >>> 12)) {
            forgetCode();
        }
    }

    /** Executes until svc, fault, undefined instruction or {@code budget} instructions. */
    public Stop run(long budget) {
        stop = null;
        // An exception return clears the local monitor (Arm ARM D1.x "ERET" and Linux's kernel_exit).
        exclusiveAddress = -1;
        long executed = 0;
        while (true) {
            long remaining = budget - executed;
            if (remaining <= 0) {
                return new Stop.BudgetExhausted(executed);
            }
            Block block = blocks[(int) (pc >>> 2) & (BLOCK_SLOTS - 1)];
            if (block == null || block.start() != pc) {
                if ((pc & 3) != 0) {
                    // A PC alignment fault (EC 0x22) reaches seL4's handleUserLevelFault: a user exception.
                    return new Stop.UndefinedInstruction(pc, 0);
                }
                Page page = memory.page(pc);
                if (page == null || !page.executable()) {
                    return new Stop.VmFault(pc, pc, true, FaultStatus.instructionAbort(page != null ? null : memory.miss(pc)));
                }
                block = decodeBlock(pc, page);
            }
            Instruction[] code = block.instructions();
            int n = code.length;
            if (n > remaining) {
                n = (int) remaining;
            }
            long start = block.start();
            blockStart = start;
            pc = start + 4L * n;
            int i = 0;
            try {
                for (; i < n; i++) {
                    code[i].execute(this);
                }
            } catch (MemoryFault fault) {
                executed += i;
                instructions += i;
                pc = start + 4L * i;
                return new Stop.VmFault(pc, fault.address(), false, fault.fsr());
            } catch (RuntimeException bug) {
                // Defensive: an instruction's Java failure must not escape the model; report the word it was.
                internalErrors++;
                executed += i;
                instructions += i;
                pc = start + 4L * i;
                return new Stop.UndefinedInstruction(pc, fetchWord(pc));
            }
            executed += n;
            instructions += n;
            if (stop != null) {
                if (stop instanceof Stop.UndefinedInstruction) {
                    executed--;
                    instructions--;
                }
                Stop result = stop;
                stop = null;
                return result;
            }
        }
    }

    private Block decodeBlock(long start, Page page) {
        List<Instruction> decoded = new ArrayList<>();
        long address = start;
        do {
            int word = (int) LE32.get(page.frame(), page.offset() + (int) (address & PAGE_MASK));
            Instruction instruction = Decoder.decode(word, address);
            decoded.add(instruction);
            address += 4;
            if (Decoder.endsBlock(instruction)) {
                break;
            }
        } while ((address & PAGE_MASK) != 0 && decoded.size() < MAX_BLOCK);
        Block block = new Block(start, decoded.toArray(new Instruction[0]));
        blocks[(int) (start >>> 2) & (BLOCK_SLOTS - 1)] = block;
        long vpn = start >>> 12;
        if (codePages.add(vpn)) {
            int slot = (int) vpn & (TLB_SLOTS - 1);
            if (writeTag[slot] == vpn) {
                writeTag[slot] = -1;
                writeFrame[slot] = null;
            }
        }
        return block;
    }

    private int fetchWord(long address) {
        Page page = memory.page(address);
        return page == null ? 0 : (int) LE32.get(page.frame(), page.offset() + (int) (address & PAGE_MASK));
    }

    private void forgetCode() {
        java.util.Arrays.fill(blocks, null);
        codePages.clear();
    }

    /** Instructions retired before the one at {@code pc} in the block being executed: the virtual counter. */
    long retiredBefore(long instructionPc) {
        return instructions + ((instructionPc - blockStart) >>> 2);
    }

    /** Xn, where register 31 is SP (the base of loads and stores, add/sub immediate and extended). */
    public long xOrSp(int n) {
        return n == 31 ? sp : x[n];
    }

    /** Writes Xn, where register 31 is SP. */
    public void setXOrSp(int n, long value) {
        if (n == 31) {
            sp = value;
        } else {
            x[n] = value;
        }
    }

    /** Xn, where register 31 is XZR and reads 0. */
    public long xOrZero(int n) {
        return n == 31 ? 0 : x[n];
    }

    /** Writes Xn; a write to register 31 (XZR) is dropped. */
    public void setXOrZero(int n, long value) {
        if (n != 31) {
            x[n] = value;
        }
    }

    /** ConditionHolds() of the Arm ARM (J1, shared/functions/system): cond 0..15 over nzcv. */
    public boolean conditionHolds(int cond) {
        int flags = nzcv >>> 28;
        boolean n = (flags & 8) != 0;
        boolean z = (flags & 4) != 0;
        boolean c = (flags & 2) != 0;
        boolean v = (flags & 1) != 0;
        boolean result = switch (cond >>> 1) {
            case 0 -> z;
            case 1 -> c;
            case 2 -> n;
            case 3 -> v;
            case 4 -> c && !z;
            case 5 -> n == v;
            case 6 -> n == v && !z;
            default -> true;
        };
        return (cond & 1) != 0 && cond != 15 ? !result : result;
    }

    /**
     * Loads 1, 2, 4 or 8 bytes little-endian, zero-extended, through the AddressSpace with its read right; unaligned
     * addresses are allowed. A missing page or right throws {@link MemoryFault}.
     */
    public long load8(long va) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        if (readTag[slot] != vpn) {
            readable(va);
        }
        return readFrame[slot][readBase[slot] + (int) (va & PAGE_MASK)] & 0xFFL;
    }

    public long load16(long va) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        int off = (int) (va & PAGE_MASK);
        if (readTag[slot] == vpn && off <= PAGE - 2) {
            return (short) LE16.get(readFrame[slot], readBase[slot] + off) & 0xFFFFL;
        }
        return slowLoad(va, 2);
    }

    public long load32(long va) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        int off = (int) (va & PAGE_MASK);
        if (readTag[slot] == vpn && off <= PAGE - 4) {
            return (int) LE32.get(readFrame[slot], readBase[slot] + off) & 0xFFFF_FFFFL;
        }
        return slowLoad(va, 4);
    }

    public long load64(long va) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        int off = (int) (va & PAGE_MASK);
        if (readTag[slot] == vpn && off <= PAGE - 8) {
            return (long) LE64.get(readFrame[slot], readBase[slot] + off);
        }
        return slowLoad(va, 8);
    }

    /**
     * Stores the low 1, 2, 4 or 8 bytes of {@code value} little-endian with the write right; a store to a page that
     * holds decoded code drops the decoded blocks. A missing page or right throws {@link MemoryFault}.
     */
    public void store8(long va, long value) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        if (writeTag[slot] != vpn) {
            writable(va);
        }
        writeFrame[slot][writeBase[slot] + (int) (va & PAGE_MASK)] = (byte) value;
    }

    public void store16(long va, long value) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        int off = (int) (va & PAGE_MASK);
        if (writeTag[slot] == vpn && off <= PAGE - 2) {
            LE16.set(writeFrame[slot], writeBase[slot] + off, (short) value);
        } else {
            slowStore(va, 2, value);
        }
    }

    public void store32(long va, long value) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        int off = (int) (va & PAGE_MASK);
        if (writeTag[slot] == vpn && off <= PAGE - 4) {
            LE32.set(writeFrame[slot], writeBase[slot] + off, (int) value);
        } else {
            slowStore(va, 4, value);
        }
    }

    public void store64(long va, long value) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        int off = (int) (va & PAGE_MASK);
        if (writeTag[slot] == vpn && off <= PAGE - 8) {
            LE64.set(writeFrame[slot], writeBase[slot] + off, value);
        } else {
            slowStore(va, 8, value);
        }
    }

    /** Faults now, as a store of {@code size} bytes at {@code va} would, without storing. */
    void requireWritable(long va, int size) {
        long vpn = va >>> 12;
        if (writeTag[(int) vpn & (TLB_SLOTS - 1)] != vpn) {
            writable(va);
        }
        long last = va + size - 1;
        if ((last >>> 12) != vpn) {
            // The fault names the first byte of the page that refuses the access.
            writable(last & ~(long) PAGE_MASK);
        }
    }

    private long slowLoad(long va, int size) {
        readable(va);
        readable((va + size - 1) & ~(long) PAGE_MASK);
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | load8(va + i);
        }
        return value;
    }

    private void slowStore(long va, int size, long value) {
        // Check both pages before writing any byte, so a store that faults changes nothing.
        requireWritable(va, size);
        for (int i = 0; i < size; i++) {
            store8(va + i, value >>> (8 * i));
        }
    }

    /** Fills the read TLB slot for {@code va}'s page or throws the data abort seL4 would deliver. */
    private void readable(long va) {
        Page page = memory.page(va);
        if (page == null || !page.readable()) {
            throw new MemoryFault(va, FaultStatus.dataAbort(page != null ? null : memory.miss(va), false));
        }
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        readTag[slot] = vpn;
        readFrame[slot] = page.frame();
        readBase[slot] = page.offset();
    }

    private void writable(long va) {
        Page page = memory.page(va);
        if (page == null || !page.writable()) {
            throw new MemoryFault(va, FaultStatus.dataAbort(page != null ? null : memory.miss(va), true));
        }
        long vpn = va >>> 12;
        int slot = (int) vpn & (TLB_SLOTS - 1);
        if (codePages.contains(vpn)) {
            // Writing over decoded code: decode again from memory (the "IC IVAU" Linux would issue on our behalf).
            forgetCode();
        }
        writeTag[slot] = vpn;
        writeFrame[slot] = page.frame();
        writeBase[slot] = page.offset();
    }
}
