package io.huruhuru.sel4.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A system as a compose file describes it: services and the networks between them. A service that names no
 * network is on {@code default}; every network a service names must be declared, every depends_on must name a
 * service, and depends_on must have no cycle.
 */
public record SystemDescription(String name, List<Service> services, Map<String, Network> networks) {

    public SystemDescription {
        services = List.copyOf(services);
        networks = new LinkedHashMap<>(networks);
        Set<String> names = new HashSet<>();
        for (Service s : services) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("service '" + s.name() + "' is defined twice");
            }
        }
        for (Service s : services) {
            for (String d : s.dependsOn()) {
                if (!names.contains(d)) {
                    throw new IllegalArgumentException("service '" + s.name() + "' depends on '" + d
                            + "', which is not defined");
                }
            }
            for (String n : s.networks()) {
                if (!networks.containsKey(n)) {
                    throw new IllegalArgumentException("service '" + s.name() + "' is on network '" + n
                            + "', which is not defined under networks");
                }
            }
        }
        bootOrder(services);
        networks = Map.copyOf(networks);
    }

    /** The services in depends_on order; among services free to start, file order. */
    public List<Service> bootOrder() {
        return bootOrder(services);
    }

    /** The message server names in use, each once, in name order. */
    public List<String> messageServers() {
        return services.stream().flatMap(s -> s.networks().stream()).map(n -> networks.get(n).messageServer())
                .distinct().sorted().toList();
    }

    private static List<Service> bootOrder(List<Service> services) {
        Map<String, Service> byName = new HashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        List<Service> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (Service s : services) {
            visit(s, byName, done, visiting, new ArrayList<>(), out);
        }
        return out;
    }

    private static void visit(Service s, Map<String, Service> byName, Set<String> done, Set<String> visiting,
                              List<String> path, List<Service> out) {
        if (done.contains(s.name())) {
            return;
        }
        path.add(s.name());
        if (!visiting.add(s.name())) {
            List<String> cycle = path.subList(path.indexOf(s.name()), path.size());
            throw new IllegalArgumentException("depends_on has a cycle: " + String.join(" -> ", cycle));
        }
        for (String d : s.dependsOn()) {
            visit(byName.get(d), byName, done, visiting, path, out);
        }
        visiting.remove(s.name());
        path.remove(path.size() - 1);
        done.add(s.name());
        out.add(s);
    }
}
