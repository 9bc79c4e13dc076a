package io.huruhuru.sel4.vmm;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's init task (the koskit initrd's /init): it mounts the layer disks as one overlay root file
 * system and runs the container from an OCI runtime bundle whose config.json follows the OCI runtime-spec.
 */
@JsonPropertyOrder({"path", "commands", "bundle", "config"})
public record GuestInit(String path, List<String> commands, String bundle, OciRuntimeConfig config) {

    public static final String INIT = "/init";
    public static final String BUNDLE = "/run/koskit/bundle";

    /** The init task for a guest's devices and the container's process. */
    public static GuestInit of(String hostname, GuestLayout layout, List<String> args, List<String> env, String cwd) {
        List<String> commands = new ArrayList<>();
        List<String> lower = new ArrayList<>();
        String upper = null;
        for (GuestLayout.VirtioDevice d : layout.devices()) {
            if (d.kind().equals("virtio-blk") && Boolean.TRUE.equals(d.readOnly())) {
                String dir = "/layers/" + lower.size();
                commands.add("mount -t squashfs -o ro /dev/" + d.name() + " " + dir);
                lower.add(0, dir);
            } else if (d.kind().equals("virtio-blk")) {
                upper = "/rw";
                commands.add("mount -t ext4 /dev/" + d.name() + " " + upper);
            } else if (d.kind().equals("virtio-net")) {
                commands.add("ip link set " + d.name() + " up");
            } else if (d.kind().equals("virtio-vsock")) {
                for (int port : d.ports()) {
                    commands.add("vsock-listen " + port);
                }
            }
        }
        // overlayfs lists the top layer first: the last layer of the image shadows the ones below it.
        String options = (lower.isEmpty() ? "lowerdir=/rw/empty" : "lowerdir=" + String.join(":", lower))
                + (upper == null ? "" : ",upperdir=" + upper + "/upper,workdir=" + upper + "/work");
        commands.add("mount -t overlay -o " + options + " overlay " + BUNDLE + "/rootfs");
        commands.add("runtime run --bundle " + BUNDLE + " " + hostname);
        return new GuestInit(INIT, List.copyOf(commands), BUNDLE, OciRuntimeConfig.of(hostname, args, env, cwd));
    }
}
