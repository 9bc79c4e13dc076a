package io.huruhuru.validation.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code config.ExposedPorts} of an image config ({@code {"1000/tcp": {}}}, image-spec config.md), which
 * the oci module's config model does not carry: the port numbers, each once, in ascending order.
 */
final class ExposedPorts {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** More ports than this are not a service but an attack on the report's size. */
    static final int MAX_PORTS = 1024;

    private ExposedPorts() {
    }

    /**
     * @throws IllegalArgumentException naming the entry that is not {@code PORT}, {@code PORT/tcp} or
     *     {@code PORT/udp} with a port from 1 to 65535
     */
    static List<Integer> of(byte[] config) {
        JsonNode ports;
        try {
            ports = JSON.readTree(config).path("config").path("ExposedPorts");
        } catch (IOException e) {
            throw new IllegalArgumentException("the image config is not JSON: " + e.getMessage(), e);
        }
        TreeSet<Integer> out = new TreeSet<>();
        if (!ports.isObject()) {
            return List.of();
        }
        for (Iterator<String> it = ports.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String[] parts = key.split("/", -1);
            boolean protocolOk = parts.length == 1 || parts.length == 2 && (parts[1].equals("tcp")
                    || parts[1].equals("udp") || parts[1].equals("sctp"));
            int port = parts[0].matches("[0-9]{1,5}") ? Integer.parseInt(parts[0]) : -1;
            if (!protocolOk || port < 1 || port > 65535) {
                throw new IllegalArgumentException("ExposedPorts entry '" + key + "' is not PORT/tcp or PORT/udp "
                        + "with a port from 1 to 65535");
            }
            out.add(port);
            if (out.size() > MAX_PORTS) {
                throw new IllegalArgumentException("the image exposes more than " + MAX_PORTS + " ports");
            }
        }
        return List.copyOf(out);
    }
}
