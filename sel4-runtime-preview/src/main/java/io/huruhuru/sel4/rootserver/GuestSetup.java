package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.MicroVm;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.kernel.SyscallError;
import io.huruhuru.sel4.kernel.VSpaceGeometry;
import io.huruhuru.sel4.report.GuestReport;
import io.huruhuru.sel4.report.Hex;
import io.huruhuru.sel4.report.StepLog;
import io.huruhuru.sel4.rootserver.BootSteps.StepFailed;
import io.huruhuru.sel4.tcb.Tcb;
import io.huruhuru.sel4.tcb.TcbInvocations;
import io.huruhuru.sel4.vcpu.VcpuInvocations;
import io.huruhuru.sel4.vmm.GuestInit;
import io.huruhuru.sel4.vmm.GuestLayout;
import io.huruhuru.sel4.vspace.VSpaceInvocations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A microVM's guest, set up the way libvmm (Microkit) and the CAmkES VMM set one up beside their VMM: a guest
 * TCB with a VCPU bound to it, a guest address space whose RAM is 2 MiB frames at the guest physical addresses,
 * the kernel, DTB and initrd placed in RAM, and the virtio-mmio devices the VMM emulates with virtual IRQs.
 */
final class GuestSetup {

    static final String THREAD = "guest thread";
    static final String VCPU = "guest vcpu";
    static final String VSPACE = "guest address space";
    static final String SCHED = "guest scheduling context";
    static final String RAM = "guest RAM";

    private final ApplicationLoader loader;
    private final MicroVm vm;
    private final GuestLayout layout;
    private GuestInit init;

    private GuestSetup(ApplicationLoader loader, MicroVm vm, GuestLayout layout) {
        this.loader = loader;
        this.vm = vm;
        this.layout = layout;
    }

    /** Checks every VMM rule on the guest's layout before any object is made; each check is a step. */
    static GuestSetup decode(ApplicationLoader loader, MicroVm vm) throws StepFailed {
        BootSteps steps = loader.steps();
        if (!ObjectType.VCPU.existsIn(loader.kernel().config())) {
            steps.ruleFailed("vmm_NoVcpu", "guest", "Check VCPU", "a microVM needs seL4_ARM_VCPUObject, which only an "
                    + "AArch64 kernel with hypervisor support has; this platform is "
                    + loader.kernel().config().architecture().id());
        }
        GuestLayout.Decoded decoded = GuestLayout.of(vm);
        if (decoded instanceof GuestLayout.Violation v) {
            steps.ruleFailed(v.code(), v.phase(), v.action(), v.detail());
        }
        GuestLayout layout = ((GuestLayout.Placed) decoded).layout();
        for (GuestLayout.Region r : layout.memoryMap()) {
            String phase = r.name().startsWith("virtio") ? "virtio" : r.name().equals("RAM") ? RAM : "guest images";
            steps.step(phase, r.name().equals("RAM") ? "CheckRam" : "Place " + r.name())
                    .vaddr(r.start() + "-" + r.end()).detail(r.bytes() + " bytes of guest physical memory").record("ok");
        }
        return new GuestSetup(loader, vm, layout);
    }

    /** The guest's objects, which the loader retypes with the VMM's, largest first. */
    List<ObjectPlan.Extra> extras() {
        List<ObjectPlan.Extra> out = new ArrayList<>();
        out.add(new ObjectPlan.Extra(THREAD, ObjectType.TCB, 0, 1, ObjectPlan.Source.RAM));
        out.add(new ObjectPlan.Extra(VCPU, ObjectType.VCPU, 0, 1, ObjectPlan.Source.RAM));
        out.add(new ObjectPlan.Extra(VSPACE, ObjectType.VSPACE, 0, 1, ObjectPlan.Source.RAM));
        if (loader.kernel().config().mcs()) {
            out.add(new ObjectPlan.Extra(SCHED, ObjectType.SCHED_CONTEXT, ObjectPlan.SCHED_CONTEXT_BITS, 1,
                    ObjectPlan.Source.RAM));
        }
        for (int bits : tableWindowBits()) {
            out.add(new ObjectPlan.Extra(pagingRole(bits), ObjectType.PAGE_TABLE, 0, windows(bits).size(),
                    ObjectPlan.Source.RAM));
        }
        out.add(new ObjectPlan.Extra(RAM, ObjectType.FRAME_2M, 0, (int) (vm.ramBytes() / GuestLayout.LARGE_PAGE),
                ObjectPlan.Source.RAM));
        return out;
    }

    /** Guest address space, its RAM, the guest thread and its VCPU, and the virtual IRQs of the devices. */
    void build() throws StepFailed {
        BootSteps steps = loader.steps();
        Kernel kernel = loader.kernel();
        Slot vspace = slot(VSPACE);
        steps.check(steps.step(VSPACE, "ASIDPool_Assign").slot(slotOf(VSPACE)),
                VSpaceInvocations.assignAsid(kernel, loader.rootServer().rootSlot(RootServer.CAP_INIT_THREAD_ASID_POOL),
                        vspace));
        for (int bits : tableWindowBits()) {
            ObjectPlan.Group g = loader.plan().group(pagingRole(bits));
            List<Long> windows = new ArrayList<>(windows(bits));
            for (int i = 0; i < windows.size(); i++) {
                long gpa = windows.get(i) << bits;
                steps.check(steps.step(pagingRole(bits), "PageTable_Map").object(loader.name(g.type()), 12, 1)
                                .slot(Integer.toString(g.firstSlot() + i)).vaddr(Hex.of(gpa)),
                        VSpaceInvocations.mapTable(kernel, loader.slot(g.firstSlot() + i), vspace, gpa));
            }
        }
        ObjectPlan.Group ram = loader.plan().group(RAM);
        StepLog.Builder b = steps.step(RAM, "Page_Map").object(loader.name(ObjectType.FRAME_2M), 21, ram.count())
                .slot(UntypedPool.slotText(ram.firstSlot(), ram.count()))
                .vaddr(Hex.of(layout.ramBase()) + "-" + Hex.of(layout.ramEnd())).detail("rw-, guest physical addresses");
        for (int i = 0; i < ram.count(); i++) {
            Optional<SyscallError> e = VSpaceInvocations.mapFrame(kernel, loader.slot(ram.firstSlot() + i), vspace,
                    layout.ramBase() + i * GuestLayout.LARGE_PAGE, Rights.READ_WRITE);
            if (e.isPresent()) {
                steps.check(b, e);
            }
        }
        b.record("ok");
        steps.check(steps.step(THREAD, "TCB_SetSpace").slot(slotOf(THREAD))
                        .detail("VSpace: the guest address space; faults go to the VMM"),
                TcbInvocations.configureGuest(kernel, slot(THREAD), loader.slot(ObjectPlan.SLOT_CNODE), vspace));
        steps.check(steps.step(THREAD, "VCPU_SetTCB").slot(slotOf(VCPU)).detail("the VCPU runs the guest thread"),
                VcpuInvocations.setTcb(kernel, slot(VCPU), slot(THREAD)));
        if (kernel.config().mcs()) {
            steps.step(THREAD, "SchedContext_Bind").slot(slotOf(SCHED))
                    .detail("scheduling context bound to the guest thread; budget and period are not modelled").record("ok");
        }
        int priority = loader.app().priority();
        steps.check(steps.step(THREAD, "TCB_SetPriority").detail("priority " + priority + ", authority: the VMM's thread"),
                TcbInvocations.setPriority(kernel, slot(THREAD), loader.slot(ObjectPlan.SLOT_TCB), priority));
        for (GuestLayout.VirtioDevice d : layout.devices()) {
            steps.step("virtio", "virq_register " + d.name()).vaddr(d.window())
                    .detail(d.kind() + ", virtual IRQ " + d.irq() + " injected through the VCPU").record("ok");
        }
        init = GuestInit.of(loader.app().name(), layout, loader.app().args(), loader.app().env(), vm.cwd());
    }

    /** The VMM copies the images into guest RAM and starts the guest at the kernel with x0 = the DTB. */
    void start() throws StepFailed {
        BootSteps steps = loader.steps();
        for (GuestLayout.Region r : layout.memoryMap()) {
            if (List.of("kernel", "initrd", "dtb").contains(r.name())) {
                steps.step("guest images", "CopyImage " + r.name()).vaddr(r.start() + "-" + r.end())
                        .detail(r.bytes() + " bytes, copied by the VMM through its view of guest RAM").record("ok");
            }
        }
        steps.check(steps.step("guest start", "TCB_WriteRegisters").vaddr(Hex.of(layout.kernelEntry()))
                        .detail("pc " + Hex.of(layout.kernelEntry()) + ", x0 " + Hex.of(layout.dtbAddress()) + " (the DTB), resume"),
                TcbInvocations.writeRegistersAndResume(loader.kernel(), slot(THREAD), layout.kernelEntry(), 0));
    }

    GuestReport report() {
        Kernel kernel = loader.kernel();
        Tcb tcb = kernel.tcb(kernel.caps().get(slot(THREAD)).paddr()).orElseThrow();
        long vcpu = kernel.caps().get(slot(VCPU)).paddr();
        String bound = kernel.vcpuThread(vcpu).filter(t -> t == tcb.paddr()).map(t -> Hex.of(vcpu)).orElse("unbound");
        return new GuestReport(Hex.of(layout.ramBase()), layout.ramBytes(), loader.plan().group(RAM).count(),
                new GuestReport.GuestThread(Hex.of(tcb.pc()), Hex.of(layout.dtbAddress()), tcb.priority(), bound,
                        tcb.state().name().toLowerCase()),
                layout.memoryMap(), layout.devices(), init);
    }

    /** The tables guest RAM in 2 MiB frames needs: those above the last level of the kernel's VSpace shape. */
    private List<Integer> tableWindowBits() {
        return loader.kernel().config().vspace().tableWindowBits().stream().filter(b -> b > 21).toList();
    }

    private TreeSet<Long> windows(int bits) {
        TreeSet<Long> out = new TreeSet<>();
        for (long gpa = vm.ramBase(); gpa < vm.ramBase() + vm.ramBytes(); gpa += GuestLayout.LARGE_PAGE) {
            out.add(gpa >>> bits);
        }
        return out;
    }

    private static String pagingRole(int windowBits) {
        return "guest paging level " + VSpaceGeometry.levelOfWindow(windowBits);
    }

    private Slot slot(String role) {
        return loader.slot(loader.plan().group(role).firstSlot());
    }

    private String slotOf(String role) {
        return Integer.toString(loader.plan().group(role).firstSlot());
    }
}
