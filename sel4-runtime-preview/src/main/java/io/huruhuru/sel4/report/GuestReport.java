package io.huruhuru.sel4.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.huruhuru.sel4.vmm.GuestInit;
import io.huruhuru.sel4.vmm.GuestLayout;
import java.util.List;

/**
 * A microVM's guest as its VMM set it up: RAM, the guest thread and its VCPU, the physical memory map,
 * the virtio devices, and the init task with the container's OCI runtime configuration.
 */
@JsonPropertyOrder({"ramBase", "ramBytes", "largeFrames", "thread", "memoryMap", "devices", "init"})
public record GuestReport(String ramBase, long ramBytes, int largeFrames, GuestThread thread,
                          List<GuestLayout.Region> memoryMap, List<GuestLayout.VirtioDevice> devices, GuestInit init) {

    /** The guest's thread: where it starts, the DTB address it gets in x0, its VCPU and state. */
    @JsonPropertyOrder({"pc", "x0", "priority", "vcpu", "state"})
    public record GuestThread(String pc, String x0, long priority, String vcpu, String state) {
    }
}
