package io.huruhuru.sel4.system;

import io.huruhuru.sel4.app.ApplicationDescription;
import java.util.List;
import java.util.Set;

/**
 * One compose service: its image as resolved (the application, named after the service, with the service's
 * process; or why it cannot boot), what it depends on, its networks, the device files it asks for and its Linux
 * privileges.
 */
public record Service(String name, ServiceImage image, List<String> dependsOn, List<String> networks,
                      List<String> devices, boolean privileged, Set<LinuxCapability> capAdd) {

    public Service {
        dependsOn = List.copyOf(dependsOn);
        networks = List.copyOf(networks);
        devices = List.copyOf(devices);
        capAdd = Set.copyOf(capAdd);
        if (image instanceof ServiceImage.Bootable b && !b.application().name().equals(name)) {
            throw new IllegalArgumentException("service " + name + " runs an application named "
                    + b.application().name());
        }
        if (image == null) {
            throw new IllegalArgumentException("service " + name + " has no image");
        }
    }

    /** A service whose image boots as {@code app}. */
    public Service(String name, ApplicationDescription app, List<String> dependsOn, List<String> networks,
                   List<String> devices, boolean privileged, Set<LinuxCapability> capAdd) {
        this(name, new ServiceImage.Bootable(app), dependsOn, networks, devices, privileged, capAdd);
    }

    /**
     * The application the service boots.
     *
     * @throws IllegalStateException when the image cannot boot (see {@link #image()})
     */
    public ApplicationDescription app() {
        if (image instanceof ServiceImage.Bootable b) {
            return b.application();
        }
        throw new IllegalStateException("service " + name + " cannot boot: " + ((ServiceImage.NotBootable) image).reason());
    }

    /** What the service consumes; a service whose image cannot boot consumes nothing. */
    public List<String> consumes() {
        return image instanceof ServiceImage.Bootable b ? b.application().consumes() : List.of();
    }

    /** What the service publishes; a service whose image cannot boot publishes nothing. */
    public List<String> publishes() {
        return image instanceof ServiceImage.Bootable b ? b.application().publishes() : List.of();
    }

    /** Whether the service holds a Linux capability, directly, through cap_add ALL, or by being privileged. */
    public boolean holds(LinuxCapability c) {
        return privileged || capAdd.contains(c) || capAdd.contains(LinuxCapability.ALL);
    }
}
