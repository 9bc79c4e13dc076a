package io.huruhuru.validation.application;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.ImageConfig;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.MicroVm;
import io.huruhuru.sel4.system.ServiceProcess;
import java.util.List;
import java.util.Optional;

/**
 * An image without koskit labels as the root server boots it: a microVM whose guest runs the image as a
 * container. The layers become the guest's read-only disks in order (base first), ExposedPorts its vsock ports,
 * and the container's process (ENTRYPOINT + CMD, ENV, WorkingDir) the OCI runtime config.json the guest's init
 * runs ({@link io.huruhuru.sel4.vmm.GuestInit}).
 */
final class MicroVmMapping {

    /** The image config label a microVM's application is named after, when the image has one. */
    static final String TITLE_LABEL = "org.opencontainers.image.title";
    /** The application's name otherwise (a compose service renames it after itself). */
    static final String DEFAULT_NAME = "guest";

    private MicroVmMapping() {
    }

    static ImageApplication describe(Digest manifest, ImageManifest image, ImageConfig config, byte[] configBytes,
                                     ServiceProcess process, List<String> notes) {
        List<Integer> ports;
        try {
            ports = ExposedPorts.of(configBytes);
        } catch (IllegalArgumentException e) {
            return new ImageApplication.NotBootable("config", e.getMessage());
        }
        List<String> args = process.args(config.entrypoint(), config.cmd());
        if (args.isEmpty()) {
            return new ImageApplication.NotBootable("config", "the image has neither ENTRYPOINT nor CMD, so the "
                    + "guest's container has nothing to run; set one in the image or give the service a command");
        }
        String cwd = config.workingDir().isEmpty() ? "/" : config.workingDir();
        if (!cwd.startsWith("/")) {
            return new ImageApplication.NotBootable("config", "the image's WorkingDir " + cwd
                    + " is not an absolute path");
        }
        List<String> layers = image.layers().stream().map(Descriptor::digest).map(Digest::toString).toList();
        MicroVm vm = new MicroVm(MicroVm.DEFAULT_RAM_BYTES, MicroVm.DEFAULT_RAM_BASE, MicroVm.DEFAULT_KERNEL_BYTES,
                MicroVm.DEFAULT_DTB_BYTES, MicroVm.DEFAULT_INITRD_BYTES, layers, List.of(), ports, cwd);
        String title = config.labels().getOrDefault(TITLE_LABEL, "");
        String name = title.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? title : DEFAULT_NAME;
        ApplicationDescription app = new ApplicationDescription(name, MicroVm.defaultVmmImage(),
                ApplicationDescription.DEFAULT_HEAP_PAGES, 0, 0, ApplicationDescription.DEFAULT_PRIORITY,
                ApplicationDescription.DEFAULT_PRIORITY, ApplicationDescription.DEFAULT_STACK_PAGES, List.of(), args,
                process.env(config.env()), List.of(), Optional.of(vm));
        notes.add("microVM: the image has no koskit labels; its " + layers.size() + " layer"
                + (layers.size() == 1 ? "" : "s") + " become the guest's read-only disks"
                + (ports.isEmpty() ? "" : ", ExposedPorts " + ports + " its vsock ports"));
        return new ImageApplication.Bootable(manifest, app, notes);
    }
}
