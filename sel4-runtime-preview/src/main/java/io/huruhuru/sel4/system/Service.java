package io.huruhuru.sel4.system;

import io.huruhuru.sel4.app.ApplicationDescription;
import java.util.List;
import java.util.Set;

/**
 * One compose service: the application it runs (named after the service, with the service's command and
 * environment), what it depends on, its networks, the device files it asks for and its Linux privileges.
 */
public record Service(String name, ApplicationDescription app, List<String> dependsOn, List<String> networks,
                      List<String> devices, boolean privileged, Set<LinuxCapability> capAdd) {

    public Service {
        dependsOn = List.copyOf(dependsOn);
        networks = List.copyOf(networks);
        devices = List.copyOf(devices);
        capAdd = Set.copyOf(capAdd);
        if (!app.name().equals(name)) {
            throw new IllegalArgumentException("service " + name + " runs an application named " + app.name());
        }
    }

    /** Whether the service holds a Linux capability, directly, through cap_add ALL, or by being privileged. */
    public boolean holds(LinuxCapability c) {
        return privileged || capAdd.contains(c) || capAdd.contains(LinuxCapability.ALL);
    }
}
