package io.huruhuru.sel4.tcb;

import java.util.Optional;

/**
 * A thread control block's scheduling and register state. A new TCB has priority 0, maximum
 * controlled priority 0 and is inactive (src/object/tcb.c, createObject).
 */
public final class Tcb {

    /** ThreadState values the model distinguishes (ThreadState_Inactive, ThreadState_Running). */
    public enum State { INACTIVE, RUNNING }

    private final long paddr;
    private long priority;
    private long mcp;
    private long pc;
    private long sp;
    private Optional<Long> ipcBuffer = Optional.empty();
    private Optional<Long> cspaceRoot = Optional.empty();
    private Optional<Long> vspaceRoot = Optional.empty();
    private State state = State.INACTIVE;

    public Tcb(long paddr) {
        this.paddr = paddr;
    }

    public long paddr() {
        return paddr;
    }

    public long priority() {
        return priority;
    }

    public long mcp() {
        return mcp;
    }

    public long pc() {
        return pc;
    }

    public long sp() {
        return sp;
    }

    public Optional<Long> ipcBuffer() {
        return ipcBuffer;
    }

    public Optional<Long> cspaceRoot() {
        return cspaceRoot;
    }

    public Optional<Long> vspaceRoot() {
        return vspaceRoot;
    }

    public State state() {
        return state;
    }

    void setPriority(long priority) {
        this.priority = priority;
    }

    void setMcp(long mcp) {
        this.mcp = mcp;
    }

    void setRegisters(long pc, long sp) {
        this.pc = pc;
        this.sp = sp;
    }

    void setIpcBuffer(long vaddr) {
        this.ipcBuffer = Optional.of(vaddr);
    }

    void setSpace(long cspace, long vspace) {
        this.cspaceRoot = Optional.of(cspace);
        this.vspaceRoot = Optional.of(vspace);
    }

    void resume() {
        this.state = State.RUNNING;
    }

    /** The root server's thread: the kernel gives the initial thread seL4_MaxPrio as priority and MCP (boot.c). */
    public static Tcb initialThread(long paddr, long maxPriority) {
        Tcb t = new Tcb(paddr);
        t.priority = maxPriority;
        t.mcp = maxPriority;
        t.state = State.RUNNING;
        return t;
    }
}
