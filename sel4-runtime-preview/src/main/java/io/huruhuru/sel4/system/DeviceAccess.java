package io.huruhuru.sel4.system;

import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.Hex;
import io.huruhuru.sel4.rootserver.Provisions.DeviceGrant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which device capabilities each service gets, decided from its {@code devices:}, {@code privileged} and
 * {@code cap_add} and the platform's device table and policy, before anything boots:
 * <ul>
 *   <li>a device file of the table ({@code /dev/i2c-1}) gives that device's registers as uncached frames; a
 *       device with interrupts also needs {@code SYS_MODULE} (or {@code privileged}), because on seL4 the
 *       container takes the interrupts itself (IRQ handler caps), which on Linux only kernel code does;</li>
 *   <li>{@code /dev/mem} gives the frames of every device of the table, no interrupts; it needs {@code SYS_RAWIO}
 *       (or {@code privileged}), as opening /dev/mem does on Linux, and a platform whose policy allows it;</li>
 *   <li>{@code privileged: true} holds every capability but grants no device by itself; other capabilities
 *       allow no seL4 capability at all.</li>
 * </ul>
 * Two services may not hold the same device: its untyped and its IRQs can belong to one of them only.
 */
public final class DeviceAccess {

    /** The outcome: the grants of every service, or the first refusal. */
    public sealed interface Outcome permits Granted, Refused {
    }

    public record Granted(Map<String, List<DeviceGrant>> grants) implements Outcome {
    }

    /** A refused request: the rule's name, the service, the device file and the reason. */
    public record Refused(String code, String service, String node, String detail) implements Outcome {
    }

    private DeviceAccess() {
    }

    public static Outcome decode(Platform platform, List<Service> services) {
        for (Service s : services) {
            List<String> missing = s.devices().stream()
                    .filter(n -> !n.equals(Platform.DEV_MEM) && platform.deviceForNode(n).isEmpty()).toList();
            if (!missing.isEmpty()) {
                return new Refused("device_NotOnPlatform", s.name(), missing.get(0), "service '" + s.name()
                        + "' asks for " + String.join(", ", missing) + ", which platform " + platform.name()
                        + " does not have");
            }
        }
        Map<String, List<DeviceGrant>> grants = new LinkedHashMap<>();
        Map<String, String> holder = new HashMap<>();
        for (Service s : services) {
            Map<String, DeviceGrant> mine = new LinkedHashMap<>();
            for (String node : s.devices()) {
                if (node.equals(Platform.DEV_MEM)) {
                    if (!platform.devMemAllowed()) {
                        return new Refused("device_DevMemRefused", s.name(), node, "service '" + s.name()
                                + "' asks for /dev/mem, which the policy of platform " + platform.name() + " refuses");
                    }
                    if (!s.holds(LinuxCapability.SYS_RAWIO)) {
                        return new Refused("device_NeedsPrivilege", s.name(), node, "service '" + s.name()
                                + "' asks for /dev/mem, which needs cap_add SYS_RAWIO or privileged: true");
                    }
                    for (Platform.Device d : platform.devices()) {
                        mine.putIfAbsent(d.name(), new DeviceGrant(d, false));
                    }
                    continue;
                }
                Platform.Device d = platform.deviceForNode(node).orElseThrow();
                if (!d.irqs().isEmpty() && !s.holds(LinuxCapability.SYS_MODULE)) {
                    return new Refused("device_NeedsPrivilege", s.name(), node, "service '" + s.name() + "' asks for "
                            + node + " with interrupt" + (d.irqs().size() > 1 ? "s " : " ") + d.irqs()
                            + ", whose IRQ handler capabilities need cap_add SYS_MODULE or privileged: true");
                }
                mine.put(d.name(), new DeviceGrant(d, true));
            }
            for (DeviceGrant g : mine.values()) {
                String other = holder.putIfAbsent(g.device().name(), s.name());
                if (other != null) {
                    return new Refused("device_Claimed", s.name(), g.device().name(), "device " + g.device().name()
                            + " at " + Hex.of(g.device().paddr()) + " is claimed by services '" + other + "' and '"
                            + s.name() + "'");
                }
            }
            grants.put(s.name(), new ArrayList<>(mine.values()));
        }
        return new Granted(grants);
    }
}
