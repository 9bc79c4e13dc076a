package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.boot.Platform;
import java.util.List;

/**
 * What a system gives an application beyond its own description: the message servers it publishes on and
 * consumes through (one per network, in network order), and the devices it was granted.
 */
public record Provisions(List<String> messageServers, List<DeviceGrant> devices) {

    /** A plain boot: the default message server, no devices. */
    public static final Provisions STANDALONE = new Provisions(List.of(MessageServer.DEFAULT), List.of());

    /** A device's registers, mapped uncached, and, when interrupts is true, a handler cap for each of its IRQs. */
    public record DeviceGrant(Platform.Device device, boolean interrupts) {
    }

    public Provisions {
        messageServers = List.copyOf(messageServers);
        devices = List.copyOf(devices);
    }
}
