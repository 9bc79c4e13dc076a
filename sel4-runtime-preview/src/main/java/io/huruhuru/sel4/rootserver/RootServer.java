package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.boot.BootInfo;
import io.huruhuru.sel4.boot.BootUntyped;
import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Capability.CNodeCap;
import io.huruhuru.sel4.cspace.Capability.ControlCap;
import io.huruhuru.sel4.cspace.Capability.FrameCap;
import io.huruhuru.sel4.cspace.Capability.UntypedCap;
import io.huruhuru.sel4.cspace.Capability.VSpaceCap;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.report.StepLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The root server model: it starts from the kernel's boot info, holds the boot untypeds and the
 * message server, and boots and tears down applications one after another in one system.
 */
public final class RootServer {

    /** Initial cap slots of the root CNode (seL4_RootCNodeCapSlots, libsel4 bootinfo_types.h). */
    static final int CAP_INIT_THREAD_TCB = 1;
    static final int CAP_INIT_THREAD_CNODE = 2;
    static final int CAP_INIT_THREAD_VSPACE = 3;
    static final int CAP_INIT_THREAD_ASID_POOL = 6;
    static final int CAP_IRQ_CONTROL = 4;
    /** The initial thread's ASID (IT_ASID in the kernel). */
    static final int IT_ASID = 1;

    private final Kernel kernel;
    private final BootInfo bootInfo;
    private final long rootCNode;
    private final UntypedPool pool;
    private final Map<String, MessageServer> messageServers = new java.util.TreeMap<>();
    private final StepLog log = new StepLog();
    private final TreeSet<Integer> freedRootSlots = new TreeSet<>();
    private final Map<String, LoadedApplication> applications = new LinkedHashMap<>();
    private int nextRootSlot;

    /** What the root server keeps about a booted application so it can tear it down, and run it. */
    record LoadedApplication(String name, int rootSlot, long cnode, AddressSpaceLayout layout, InitialStack stack) {
    }

    /** A booted application's thread as the root server started it: its CSpace root, layout and initial stack. */
    public record StartedApplication(long cnode, AddressSpaceLayout layout, InitialStack stack) {
    }

    /** The booted application of that name, to run its code. */
    public Optional<StartedApplication> started(String name) {
        LoadedApplication a = applications.get(name);
        return a == null ? Optional.empty() : Optional.of(new StartedApplication(a.cnode(), a.layout(), a.stack()));
    }

    private RootServer(BootInfo bootInfo) {
        this.bootInfo = bootInfo;
        KernelConfig config = bootInfo.platform().kernel();
        this.kernel = new Kernel(config);
        BootInfo.RootServerBlock block = bootInfo.rootServerBlock();
        this.rootCNode = block.cnode();
        int radix = config.rootCNodeSizeBits();
        kernel.caps().createCNode(rootCNode, radix);
        kernel.createInitialThread(block.tcb());
        put(CAP_INIT_THREAD_TCB, new Capability.TcbCap(block.tcb()));
        // create_root_cnode: the guard makes the root CNode resolve a whole word in one level.
        put(CAP_INIT_THREAD_CNODE, new CNodeCap(rootCNode, radix, KernelConfig.WORD_BITS - radix, 0));
        kernel.createObject(ObjectType.VSPACE, block.vspace(), 0, false);
        kernel.bindAsid(IT_ASID, block.vspace());
        put(CAP_INIT_THREAD_VSPACE, new VSpaceCap(block.vspace(), Optional.of(IT_ASID)));
        put(CAP_IRQ_CONTROL, new ControlCap(io.huruhuru.sel4.irq.IrqControl.CAP_NAME));
        put(5, new ControlCap("seL4_CapASIDControl"));
        put(CAP_INIT_THREAD_ASID_POOL, new Capability.AsidPoolCap(block.asidPool()));
        put(9, new FrameCap(block.bootInfoFrame(), ObjectType.FRAME_4K, Rights.ALL, false, Optional.empty()));
        put(10, new FrameCap(block.ipcBuffer(), ObjectType.FRAME_4K, Rights.ALL, false, Optional.empty()));
        put(11, new ControlCap("seL4_CapDomain"));
        if (config.mcs()) {
            put(14, new Capability.SchedContextCap(block.schedContext(), KernelConfig.MIN_SCHED_CONTEXT_BITS));
            for (long slot = bootInfo.capSlots().schedControl().start(); slot < bootInfo.capSlots().schedControl().end();
                    slot++) {
                put((int) slot, new ControlCap("seL4_SchedControl"));
            }
        }
        for (BootUntyped u : bootInfo.untypeds()) {
            put(u.slot(), new UntypedCap(u.paddr(), u.sizeBits(), u.isDevice(), 0));
        }
        this.pool = new UntypedPool(kernel, rootCNode, bootInfo.untypeds(), new UntypedPool.RootSlots() {
            public boolean hasFree(int n) {
                return freedRootSlots.size() + (bootInfo.emptySlots().end() - nextRootSlot) >= n;
            }

            public int alloc() {
                return allocRootSlot();
            }

            public void free(int slot) {
                freeRootSlot(slot);
            }
        });
        messageServers.put(MessageServer.DEFAULT, new MessageServer(MessageServer.DEFAULT));
        this.nextRootSlot = (int) bootInfo.emptySlots().start();
    }

    public static RootServer start(BootInfo bootInfo) {
        return new RootServer(bootInfo);
    }

    /** Boots one application into the system; on failure everything it got so far is returned to the pool. */
    public ApplicationLoader.Outcome boot(ApplicationDescription app) {
        return boot(app, Provisions.STANDALONE);
    }

    /** Boots one application with what its system gives it: message servers and devices. */
    public ApplicationLoader.Outcome boot(ApplicationDescription app, Provisions provisions) {
        return new ApplicationLoader(this, app, provisions).load();
    }

    /** Revokes and deletes everything an application holds; its untypeds go back to the pool. */
    public void teardown(String name) {
        LoadedApplication app = applications.remove(name);
        if (app == null) {
            throw new IllegalArgumentException("no application named '" + name + "' is booted");
        }
        release(app.name(), app.rootSlot());
    }

    void release(String name, int appRootSlot) {
        for (MessageServer server : messageServers.values()) {
            for (MessageServer.Registration r : server.unregisterAll(name)) {
                kernel.caps().delete(r.kept());
                if (r.kept().cnode() == rootCNode) {
                    freeRootSlot(r.kept().index());
                }
                // A server PD's copy of the publisher's endpoint goes too; a publisher's own cap goes with its CNode.
                if (server.pd().isPresent()) {
                    kernel.caps().delete(r.source());
                }
            }
        }
        if (appRootSlot >= 0) {
            Slot cnode = rootSlot(appRootSlot);
            // Revoke first: the CNode's own minted cap lives inside it and would keep it alive.
            kernel.caps().revoke(cnode);
            kernel.caps().delete(cnode);
            freeRootSlot(appRootSlot);
        }
        pool.release(name);
    }

    void remember(LoadedApplication app) {
        applications.put(app.name(), app);
    }

    boolean isBooted(String name) {
        return applications.containsKey(name);
    }

    int allocRootSlot() {
        if (!freedRootSlots.isEmpty()) {
            return freedRootSlots.pollFirst();
        }
        if (nextRootSlot >= bootInfo.emptySlots().end()) {
            throw new IllegalStateException("the root CNode has no free slot left");
        }
        return nextRootSlot++;
    }

    boolean hasFreeRootSlot() {
        return !freedRootSlots.isEmpty() || nextRootSlot < bootInfo.emptySlots().end();
    }

    private void freeRootSlot(int slot) {
        freedRootSlots.add(slot);
    }

    Slot rootSlot(int index) {
        return new Slot(rootCNode, index);
    }

    private void put(int index, Capability cap) {
        kernel.caps().insert(rootSlot(index), cap, Optional.empty());
    }

    public Kernel kernel() {
        return kernel;
    }

    public BootInfo bootInfo() {
        return bootInfo;
    }

    public UntypedPool pool() {
        return pool;
    }

    /** The default message server, the one a plain boot publishes on. */
    public MessageServer messageServer() {
        return messageServers.get(MessageServer.DEFAULT);
    }

    /** The message server of that name, made when first asked for. */
    public MessageServer messageServer(String name) {
        return messageServers.computeIfAbsent(name, MessageServer::new);
    }

    /**
     * Makes the booted application of that name the protection domain of the message server of that name: its
     * CNode keeps what the server is given, and its first endpoint is the server's own.
     */
    public void attachMessageServer(String name) {
        LoadedApplication pd = applications.get(name);
        if (pd == null) {
            throw new IllegalArgumentException("no application named '" + name + "' is booted");
        }
        messageServer(name).attach(new MessageServer.ProtectionDomain(pd.cnode(),
                new Slot(pd.cnode(), ObjectPlan.FIRST_FREE_SLOT)));
    }

    /** Up to n of the lowest empty slots above the fixed ones of an application's CNode. */
    List<Slot> freeSlotsIn(long cnode, int n) {
        List<Slot> out = new java.util.ArrayList<>();
        int size = kernel.caps().cnodeSize(cnode);
        for (int i = ObjectPlan.FIRST_FREE_SLOT; i < size && out.size() < n; i++) {
            Slot s = new Slot(cnode, i);
            if (kernel.caps().isEmpty(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The booted applications, in boot order. */
    public List<String> applications() {
        return List.copyOf(applications.keySet());
    }

    public StepLog log() {
        return log;
    }

    /** RAM still available for retyping, in bytes. */
    public long freeBytes() {
        return pool.freeBytes();
    }
}
