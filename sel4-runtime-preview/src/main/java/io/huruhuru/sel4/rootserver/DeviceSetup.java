package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.irq.IrqControl;
import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.Hex;
import io.huruhuru.sel4.rootserver.BootSteps.StepFailed;
import io.huruhuru.sel4.untyped.UntypedRetype;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A driver's devices: the device untypeds covering each device's registers, split out and retyped into frames
 * that are mapped uncached, and an IRQ handler cap (IRQControl_Get) for each of its interrupts.
 */
final class DeviceSetup {

    static final String IRQ_HANDLERS = "irq handlers";

    private final ApplicationLoader loader;
    private final List<Provisions.DeviceGrant> grants;
    private final List<BootReport.DeviceReport> reports = new ArrayList<>();

    private DeviceSetup(ApplicationLoader loader, List<Provisions.DeviceGrant> grants) {
        this.loader = loader;
        this.grants = grants;
    }

    /** Checks that every device's memory is device untyped that no other application holds. */
    static DeviceSetup decode(ApplicationLoader loader, List<Provisions.DeviceGrant> grants) throws StepFailed {
        for (Provisions.DeviceGrant g : grants) {
            Platform.Device d = g.device();
            Optional<UntypedPool.Refusal> refusal = loader.rootServer().pool()
                    .deviceRefusal(loader.app().name(), d.paddr(), pageRound(d.size()));
            if (refusal.isPresent()) {
                loader.steps().ruleFailed(refusal.get().code(), "device " + d.name(), "Claim device " + d.name(),
                        refusal.get().detail());
            }
        }
        return new DeviceSetup(loader, grants);
    }

    List<AddressSpaceLayout.DeviceWindow> windows() {
        return grants.stream().map(g -> new AddressSpaceLayout.DeviceWindow(g.device().name(), g.device().paddr(),
                pageRound(g.device().size()), 0)).toList();
    }

    ObjectPlan.Extra irqExtra() {
        int n = grants.stream().filter(Provisions.DeviceGrant::interrupts).mapToInt(g -> g.device().irqs().size()).sum();
        return new ObjectPlan.Extra(IRQ_HANDLERS, null, 0, n, ObjectPlan.Source.NONE);
    }

    /** Retypes each device's registers into frames in the application's CNode, from the device untypeds. */
    void createFrames() throws StepFailed {
        for (AddressSpaceLayout.DeviceWindow w : loader.layout().devices()) {
            ObjectPlan.Group g = loader.plan().group("device " + w.name());
            Result<List<UntypedRetype.Created>> r = loader.rootServer().pool().retypeDevice(loader.app().name(),
                    g.role(), loader.rootServer().log(), w.paddr(), w.bytes(), loader.destination(), g.firstSlot(),
                    "registers of " + w.name() + " from device untyped");
            loader.steps().failOnError(r);
            for (int i = 0; i < g.count(); i++) {
                loader.rolesForSlots().put(g.firstSlot() + i, g.role());
            }
        }
    }

    /** IRQControl_Get for each interrupt of each device granted with its interrupts. */
    void handleInterrupts() throws StepFailed {
        int slot = loader.plan().has(IRQ_HANDLERS) ? loader.plan().group(IRQ_HANDLERS).firstSlot() : -1;
        for (Provisions.DeviceGrant g : grants) {
            List<Integer> handled = new ArrayList<>();
            if (g.interrupts()) {
                for (int irq : g.device().irqs()) {
                    loader.steps().check(loader.steps().step("device " + g.device().name(), "IRQControl_Get")
                                    .slot(Integer.toString(slot)).detail("interrupt " + irq + " of " + g.device().name()),
                            IrqControl.get(loader.kernel(), loader.rootServer().rootSlot(RootServer.CAP_IRQ_CONTROL), irq,
                                    loader.slot(slot)));
                    loader.rolesForSlots().put(slot, "IRQ " + irq + " of " + g.device().name());
                    handled.add(irq);
                    slot++;
                }
            }
            AddressSpaceLayout.DeviceWindow w = loader.layout().devices().stream()
                    .filter(x -> x.name().equals(g.device().name())).findFirst().orElseThrow();
            reports.add(new BootReport.DeviceReport(g.device().name(), Hex.of(w.paddr()), w.bytes(), Hex.of(w.vaddr()),
                    (int) (w.bytes() / AddressSpaceLayout.PAGE), false, List.copyOf(handled)));
        }
    }

    List<BootReport.DeviceReport> reports() {
        return List.copyOf(reports);
    }

    private static long pageRound(long bytes) {
        return (bytes + AddressSpaceLayout.PAGE - 1) & -AddressSpaceLayout.PAGE;
    }
}
