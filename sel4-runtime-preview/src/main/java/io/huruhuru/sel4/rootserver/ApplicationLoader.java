package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.cspace.CNodeInvocations;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.kernel.SyscallError;
import io.huruhuru.sel4.report.BootReport;
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

    private static final class StepFailed extends Exception {
        private final transient BootReport.ErrorInfo info;

        StepFailed(BootReport.ErrorInfo info) {
            super(info.detail(), null, false, false);
            this.info = info;
        }
    }

    private static final int[] LEVEL_SHIFT = {0, 39, 30, 21};

    private final RootServer rs;
    private final ApplicationDescription app;
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

    ApplicationLoader(RootServer rs, ApplicationDescription app) {
        this.rs = rs;
        this.app = app;
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
                    null, null, null, null, List.copyOf(warnings)), Optional.of(f.info));
        }
        rs.remember(new RootServer.LoadedApplication(app.name(), appRootSlot, cnode,
                rs.messageServer().registrations(app.name())));
        return new Outcome(ApplicationReports.booted(this), Optional.empty());
    }

    private void run() throws StepFailed {
        if (rs.isBooted(app.name())) {
            ruleFailed("rootServer_DuplicateName", "check", "Check application",
                    "an application named '" + app.name() + "' is already booted in this system");
        }
        if (app.elf().machine() != config.architecture().elfMachine()) {
            ruleFailed("rootServer_WrongArchitecture", "check", "Check ELF machine", "the ELF file is built for machine "
                    + app.elf().machine() + " but the platform is " + config.architecture().id() + " (e_machine "
                    + config.architecture().elfMachine() + ")");
        }
        layout = AddressSpaceLayout.of(app, config.architecture());
        warnings.addAll(layout.warnings());
        plan = ObjectPlan.of(app, layout, config);
        createCSpace();
        UntypedPool.Destination dest = new UntypedPool.Destination(rs.rootSlot(RootServer.CAP_INIT_THREAD_CNODE),
                appRootSlot, KernelConfig.WORD_BITS);
        for (ObjectPlan.Group g : plan.allocationOrder(config)) {
            created(g, rs.pool().retype(app.name(), g.role(), log, g.type(), g.userSize(), g.count(), dest, g.firstSlot()));
        }
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
        publish();
        start();
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

    private void created(ObjectPlan.Group g, Result<List<UntypedRetype.Created>> r) throws StepFailed {
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
        for (int level = 1; level <= 3; level++) {
            List<Long> windows = new ArrayList<>(layout.windows(LEVEL_SHIFT[level]));
            if (windows.isEmpty()) {
                continue;
            }
            ObjectPlan.Group g = plan.group("paging level " + level);
            for (int i = 0; i < windows.size(); i++) {
                long vaddr = windows.get(i) << LEVEL_SHIFT[level];
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
            StepLog.Builder b = log.step(app.name(), a.name(), "Page_Map").object(name(ObjectType.FRAME_4K), 12,
                    a.pages().size()).slot(UntypedPool.slotText(g.firstSlot(), g.count()))
                    .vaddr(hex(a.start()) + "-" + hex(a.end())).detail(a.permissions().text());
            for (int i = 0; i < a.pages().size(); i++) {
                Optional<SyscallError> e = VSpaceInvocations.mapFrame(kernel, slot(g.firstSlot() + i), vspace,
                        a.pages().get(i), rights);
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

    private void publish() throws StepFailed {
        for (int i = 0; i < app.publishes().size(); i++) {
            String protocol = app.publishes().get(i);
            Optional<String> refusal = rs.messageServer().refusal(app.name(), protocol);
            if (refusal.isPresent()) {
                ruleFailed("messageServer_Refused", "protocols", "MessageServer_Register " + protocol, refusal.get());
            }
            int epSlot = plan.group("endpoints").firstSlot() + i;
            if (!rs.hasFreeRootSlot()) {
                ruleFailed("rootServer_NoFreeSlot", "protocols", "MessageServer_Register " + protocol,
                        "the root server's CNode has no free slot for the message server's capability");
            }
            int rootSlot = rs.allocRootSlot();
            long badge = rs.messageServer().nextBadge();
            check(log.step(app.name(), "protocols", "CNode_Mint").object(name(ObjectType.ENDPOINT), 4, 1)
                            .slot(Integer.toString(epSlot)).detail("badge " + badge + " for protocol " + protocol
                                    + ", kept by the message server in root slot " + rootSlot),
                    CNodeInvocations.mintBadged(kernel, slot(epSlot), rs.rootSlot(rootSlot),
                            new Rights(false, true, false, true), badge));
            rs.messageServer().register(app.name(), protocol, rootSlot, kernel.caps().get(slot(epSlot)).paddr());
        }
    }

    private void start() throws StepFailed {
        stack = InitialStack.layout(layout.stackTop(), app.args(), app.env());
        long stackBytes = (long) app.stackPages() * AddressSpaceLayout.PAGE;
        StepLog.Builder b = log.step(app.name(), "stack", "WriteInitialStack").vaddr(hex(stack.sp()))
                .detail(stack.argc() + " arguments, " + stack.envc() + " environment strings, " + stack.bytes() + " bytes");
        if (stack.bytes() > stackBytes) {
            b.record("failed");
            ruleFailedAt("rootServer_StackTooSmall", log.last(), "arguments and environment need " + stack.bytes()
                    + " bytes of stack but the stack is " + stackBytes + " bytes");
        }
        b.record("ok");
        long pc = app.elf().entry() + layout.loadBias();
        check(log.step(app.name(), "start", "TCB_WriteRegisters").vaddr(hex(pc))
                        .detail("pc " + hex(pc) + ", sp " + hex(stack.sp()) + ", resume"),
                TcbInvocations.writeRegistersAndResume(kernel, slot(ObjectPlan.SLOT_TCB), pc, stack.sp()));
    }

    private void check(StepLog.Builder b, Optional<SyscallError> error) throws StepFailed {
        if (error.isPresent()) {
            b.detail(error.get().detail());
            b.record("failed");
            throw new StepFailed(new BootReport.ErrorInfo(error.get().code(), app.name(), log.last().index(),
                    StepLog.describe(log.last()), explain(error.get())));
        }
        b.record("ok");
    }

    private void failOnError(Result<?> r) throws StepFailed {
        if (r instanceof Result.Err<?> err) {
            throw new StepFailed(new BootReport.ErrorInfo(err.error().code(), app.name(), log.last().index(),
                    StepLog.describe(log.last()), explain(err.error())));
        }
    }

    private void ruleFailed(String code, String phase, String action, String detail) throws StepFailed {
        log.step(app.name(), phase, action).detail(detail).record("failed");
        ruleFailedAt(code, log.last(), detail);
    }

    private void ruleFailedAt(String code, BootReport.Step step, String detail) throws StepFailed {
        throw new StepFailed(new BootReport.ErrorInfo(code, app.name(), step.index(), StepLog.describe(step), detail));
    }

    /** The rule in words, followed by the fields the kernel returns with the error. */
    static String explain(SyscallError e) {
        if (e instanceof SyscallError.RangeError r) {
            return e.detail() + " (allowed range " + r.min() + " to " + r.max() + ")";
        }
        if (e instanceof SyscallError.NotEnoughMemory m) {
            return e.detail() + " (memoryLeft " + m.memoryLeft() + ")";
        }
        if (e instanceof SyscallError.InvalidArgument a) {
            return e.detail() + " (argument " + a.argumentNumber() + ")";
        }
        return e.detail();
    }

    private void account(ObjectType type, long userSize, int count) {
        bytesByType.merge(name(type), (long) count << type.sizeBits(config, userSize), Long::sum);
    }

    BootReport.AppMemory memory() {
        return new BootReport.AppMemory(bytesByType.values().stream().mapToLong(Long::longValue).sum(),
                new TreeMap<>(bytesByType));
    }

    private String name(ObjectType t) {
        return t.displayName(config);
    }

    private Slot slot(int index) {
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
}
