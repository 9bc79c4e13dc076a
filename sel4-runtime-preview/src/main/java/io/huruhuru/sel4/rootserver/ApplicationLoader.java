package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ByteSize;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.sel4.cspace.CNodeInvocations;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.kernel.SyscallError;
import io.huruhuru.sel4.kernel.VSpaceGeometry;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.rootserver.BootSteps.StepFailed;
import io.huruhuru.sel4.report.StepLog;
import io.huruhuru.sel4.tcb.TcbInvocations;
import io.huruhuru.sel4.untyped.UntypedRetype;
import io.huruhuru.sel4.vspace.VSpaceInvocations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Boots one application the way a root server does: CSpace, every object from untyped memory (largest
 * first), address space, scheduling, protocols, initial stack, start. Each invocation is a step; the
 * first failing step stops the boot and everything created so far is revoked.
 */
public final class ApplicationLoader {

    /** The application's report, and the error that stopped it when it did not boot. */
    public record Outcome(BootReport.ApplicationReport report, Optional<BootReport.ErrorInfo> error) {
        public boolean booted() {
            return error.isEmpty();
        }
    }

    static final String CONSUMED = "consumed protocols";

    private final RootServer rs;
    private final ApplicationDescription app;
    private final Provisions provisions;
    private final BootSteps steps;
    private final Kernel kernel;
    private final KernelConfig config;
    private final StepLog log;
    private final Map<Integer, String> roles = new HashMap<>();
    private final SortedMap<String, Long> bytesByType = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private AddressSpaceLayout layout;
    private ObjectPlan plan;
    private int appRootSlot = -1;
    private long cnode;
    private InitialStack stack;
    private DeviceSetup devices;
    private GuestSetup guest;
    private final List<MessageServer.Connection> consumed = new ArrayList<>();

    ApplicationLoader(RootServer rs, ApplicationDescription app, Provisions provisions) {
        this.rs = rs;
        this.app = app;
        this.provisions = provisions;
        this.steps = new BootSteps(app.name(), rs.log());
        this.kernel = rs.kernel();
        this.config = kernel.config();
        this.log = rs.log();
    }

    Outcome load() {
        try {
            run();
        } catch (StepFailed f) {
            rs.release(app.name(), appRootSlot);
            return new Outcome(new BootReport.ApplicationReport(app.name(), BootReport.FAILED, memory(), null,
                    null, null, null, null, null, null, null, List.copyOf(warnings)), Optional.of(f.info()));
        }
        rs.remember(new RootServer.LoadedApplication(app.name(), appRootSlot, cnode, layout, stack));
        return new Outcome(ApplicationReports.booted(this), Optional.empty());
    }

    private void run() throws StepFailed {
        if (rs.isBooted(app.name())) {
            ruleFailed("rootServer_DuplicateName", "check", "Check application",
                    "an application named '" + app.name() + "' is already booted in this system");
        }
        // The VMM's rules first: a microVM on a board without VCPUs fails for that, not for the built-in VMM's ELF.
        if (app.microVm().isPresent()) {
            guest = GuestSetup.decode(this, app.microVm().get());
        }
        if (app.elf().machine() != config.architecture().elfMachine()) {
            ruleFailed("rootServer_WrongArchitecture", "check", "Check ELF machine", "the ELF file is built for machine "
                    + app.elf().machine() + " but the platform is " + config.architecture().id() + " (e_machine "
                    + config.architecture().elfMachine() + ")");
        }
        devices = DeviceSetup.decode(this, provisions.devices());
        // The layout lists every page of the segments, heap and stack. Frames come from untypeds, so a demand above
        // the free bytes fails at its Untyped_Retype anyway; one above twice the board's RAM is refused here, in
        // arithmetic, so that a hostile size (a 2^36-byte segment, 2^31 heap pages) is never laid out page by page,
        // while a nearer miss still fails at the kernel's own step.
        MemoryDemand demand = MemoryDemand.of(app);
        long laidOut = demand.segmentBytes() + demand.heapBytes() + demand.stackBytes() + demand.ipcBufferBytes();
        long ram = rs.bootInfo().platform().ramBytes();
        if (laidOut < 0 || laidOut / 2 > ram) {
            ruleFailed(SystemBoot.NOT_ENOUGH_MEMORY, "address space", "Lay out address space", "the application's "
                    + "segments, heap and stack need " + ByteSize.text(laidOut) + " of frames, more than twice the "
                    + ByteSize.text(ram) + " of RAM the board has");
        }
        layout = AddressSpaceLayout.of(app, config.vspace(), devices.windows());
        if (layout.misfit().isPresent()) {
            ruleFailed("rootServer_AddressSpaceTooSmall", "address space", "Lay out address space",
                    layout.misfit().get());
        }
        warnings.addAll(layout.warnings());
        List<ObjectPlan.Extra> extras = new ArrayList<>();
        extras.add(new ObjectPlan.Extra(CONSUMED, ObjectType.ENDPOINT, 0, app.consumes().size(), ObjectPlan.Source.NONE));
        extras.add(devices.irqExtra());
        if (guest != null) {
            extras.addAll(guest.extras());
        }
        plan = ObjectPlan.of(app, layout, config, extras);
        createCSpace();
        for (ObjectPlan.Group g : plan.allocationOrder(config)) {
            created(g, rs.pool().retype(app.name(), g.role(), log, g.type(), g.userSize(), g.count(), destination(),
                    g.firstSlot()));
        }
        devices.createFrames();
        buildAddressSpace();
        check(log.step(app.name(), "cspace", "CNode_Mint").object(name(ObjectType.CNODE), plan.radix() + 5, 1)
                        .slot(Integer.toString(ObjectPlan.SLOT_CNODE))
                        .detail("guard of " + (KernelConfig.WORD_BITS - plan.radix()) + " bits so one level resolves a word"),
                CNodeInvocations.mintGuarded(kernel, rs.rootSlot(appRootSlot), slot(ObjectPlan.SLOT_CNODE),
                        KernelConfig.WORD_BITS - plan.radix(), 0));
        roles.put(ObjectPlan.SLOT_CNODE, "own CSpace root");
        check(log.step(app.name(), "thread", "TCB_Configure").vaddr(hex(layout.ipcBuffer()))
                        .detail("CSpace slot 2, VSpace slot 3, IPC buffer slot 6"),
                TcbInvocations.configure(kernel, slot(ObjectPlan.SLOT_TCB), slot(ObjectPlan.SLOT_CNODE),
                        slot(ObjectPlan.SLOT_VSPACE), layout.ipcBuffer(), slot(ObjectPlan.SLOT_IPC_BUFFER)));
        schedule();
        ProtocolChannels.publish(this);
        ProtocolChannels.consume(this);
        devices.handleInterrupts();
        if (guest != null) {
            guest.build();
        }
        start();
        if (guest != null) {
            guest.start();
        }
    }

    /** Where new caps for the application go: its own CNode, reached through the root server's CSpace. */
    UntypedPool.Destination destination() {
        return new UntypedPool.Destination(rs.rootSlot(RootServer.CAP_INIT_THREAD_CNODE), appRootSlot,
                KernelConfig.WORD_BITS);
    }

    private void createCSpace() throws StepFailed {
        if (!rs.hasFreeRootSlot()) {
            ruleFailed("rootServer_NoFreeSlot", "cspace", "Allocate root CNode slot",
                    "the root server's CNode has no free slot for another application");
        }
        appRootSlot = rs.allocRootSlot();
        UntypedPool.Destination root = new UntypedPool.Destination(rs.rootSlot(RootServer.CAP_INIT_THREAD_CNODE), 0, 0);
        Result<List<UntypedRetype.Created>> r = rs.pool().retype(app.name(), "cspace", log, ObjectType.CNODE,
                plan.radix(), 1, root, appRootSlot);
        failOnError(r);
        cnode = ((Result.Ok<List<UntypedRetype.Created>>) r).value().get(0).paddr();
        account(ObjectType.CNODE, plan.radix(), 1);
    }

    void created(ObjectPlan.Group g, Result<List<UntypedRetype.Created>> r) throws StepFailed {
        failOnError(r);
        account(g.type(), g.userSize(), g.count());
        for (int i = 0; i < g.count(); i++) {
            roles.put(g.firstSlot() + i, g.role());
        }
    }

    private void buildAddressSpace() throws StepFailed {
        Slot vspace = slot(ObjectPlan.SLOT_VSPACE);
        check(log.step(app.name(), "address space", "ASIDPool_Assign").slot("3"),
                VSpaceInvocations.assignAsid(kernel, rs.rootSlot(RootServer.CAP_INIT_THREAD_ASID_POOL), vspace));
        for (int bits : config.vspace().tableWindowBits()) {
            int level = VSpaceGeometry.levelOfWindow(bits);
            List<Long> windows = new ArrayList<>(layout.windows(bits));
            if (windows.isEmpty()) {
                continue;
            }
            ObjectPlan.Group g = plan.group("paging level " + level);
            for (int i = 0; i < windows.size(); i++) {
                long vaddr = windows.get(i) << bits;
                check(log.step(app.name(), "paging level " + level, "PageTable_Map")
                                .object(name(g.type()), 12, 1).slot(Integer.toString(g.firstSlot() + i)).vaddr(hex(vaddr)),
                        VSpaceInvocations.mapTable(kernel, slot(g.firstSlot() + i), vspace, vaddr));
            }
        }
        for (AddressSpaceLayout.Area a : layout.areas()) {
            if (a.pages().isEmpty()) {
                continue;
            }
            ObjectPlan.Group g = plan.group(a.name());
            Rights rights = new Rights(a.permissions().read(), a.permissions().write(), false, false);
            boolean cacheable = g.source() != ObjectPlan.Source.DEVICE;
            StepLog.Builder b = log.step(app.name(), a.name(), "Page_Map").object(name(ObjectType.FRAME_4K), 12,
                    a.pages().size()).slot(UntypedPool.slotText(g.firstSlot(), g.count()))
                    .vaddr(hex(a.start()) + "-" + hex(a.end()))
                    .detail(a.permissions().text() + (cacheable ? "" : ", uncached (device registers)"));
            for (int i = 0; i < a.pages().size(); i++) {
                Optional<SyscallError> e = VSpaceInvocations.mapFrame(kernel, slot(g.firstSlot() + i), vspace,
                        a.pages().get(i), rights, cacheable, !a.permissions().execute());
                if (e.isPresent()) {
                    b.vaddr(hex(a.pages().get(i)));
                    check(b, e);
                }
            }
            b.record("ok");
        }
    }

    private void schedule() throws StepFailed {
        if (config.mcs()) {
            log.step(app.name(), "scheduling", "SchedContext_Bind").slot(Integer.toString(ObjectPlan.SLOT_SCHED_CONTEXT))
                    .detail("scheduling context bound to the thread; budget and period are not modelled").record("ok");
        }
        check(log.step(app.name(), "scheduling", "TCB_SetMCPriority")
                        .detail("maximum controlled priority " + app.maxPriority() + ", authority: the root server's thread"),
                TcbInvocations.setMcPriority(kernel, slot(ObjectPlan.SLOT_TCB),
                        rs.rootSlot(RootServer.CAP_INIT_THREAD_TCB), app.maxPriority()));
        // The application's own TCB is the authority, so the kernel itself holds priority <= max priority.
        check(log.step(app.name(), "scheduling", "TCB_SetPriority")
                        .detail("priority " + app.priority() + ", authority: the application's own thread (MCP "
                                + app.maxPriority() + ")"),
                TcbInvocations.setPriority(kernel, slot(ObjectPlan.SLOT_TCB), slot(ObjectPlan.SLOT_TCB), app.priority()));
    }

    private void start() throws StepFailed {
        // A VMM's own arguments name the guest; the application's args and env are the guest's process.
        List<String> args = guest == null ? app.args() : List.of("/vmm", app.name());
        List<String> env = guest == null ? app.env() : List.of();
        stack = InitialStack.layout(layout.stackTop(), args, env);
        long stackBytes = (long) app.stackPages() * AddressSpaceLayout.PAGE;
        StepLog.Builder b = log.step(app.name(), "stack", "WriteInitialStack").vaddr(hex(stack.sp()))
                .detail(stack.argc() + " arguments, " + stack.envc() + " environment strings, " + stack.bytes() + " bytes");
        if (stack.bytes() > stackBytes) {
            b.record("failed");
            steps.ruleFailedAt("rootServer_StackTooSmall", log.last(), "arguments and environment need " + stack.bytes()
                    + " bytes of stack but the stack is " + stackBytes + " bytes");
        }
        b.record("ok");
        long pc = app.elf().entry() + layout.loadBias();
        check(log.step(app.name(), "start", "TCB_WriteRegisters").vaddr(hex(pc))
                        .detail("pc " + hex(pc) + ", sp " + hex(stack.sp()) + ", resume"),
                TcbInvocations.writeRegistersAndResume(kernel, slot(ObjectPlan.SLOT_TCB), pc, stack.sp()));
    }

    private void check(StepLog.Builder b, Optional<SyscallError> error) throws StepFailed {
        steps.check(b, error);
    }

    private void failOnError(Result<?> r) throws StepFailed {
        steps.failOnError(r);
    }

    private void ruleFailed(String code, String phase, String action, String detail) throws StepFailed {
        steps.ruleFailed(code, phase, action, detail);
    }

    void account(ObjectType type, long userSize, int count) {
        bytesByType.merge(name(type), (long) count << type.sizeBits(config, userSize), Long::sum);
    }

    BootReport.AppMemory memory() {
        return new BootReport.AppMemory(bytesByType.values().stream().mapToLong(Long::longValue).sum(),
                new TreeMap<>(bytesByType));
    }

    String name(ObjectType t) {
        return t.displayName(config);
    }

    Slot slot(int index) {
        return new Slot(cnode, index);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    ApplicationDescription app() {
        return app;
    }

    Kernel kernel() {
        return kernel;
    }

    long cnode() {
        return cnode;
    }

    Map<Integer, String> roles() {
        return roles;
    }

    AddressSpaceLayout layout() {
        return layout;
    }

    InitialStack stack() {
        return stack;
    }

    List<String> warnings() {
        return warnings;
    }

    RootServer rootServer() {
        return rs;
    }

    Provisions provisions() {
        return provisions;
    }

    BootSteps steps() {
        return steps;
    }

    ObjectPlan plan() {
        return plan;
    }

    Map<Integer, String> rolesForSlots() {
        return roles;
    }

    List<MessageServer.Connection> consumed() {
        return consumed;
    }

    DeviceSetup devices() {
        return devices;
    }

    GuestSetup guest() {
        return guest;
    }
}
