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
 * service, and what services need of each other (depends_on, and a consumer needs the publishers of what it
 * consumes) must have no cycle.
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
        networks = Map.copyOf(networks);
        bootOrder(services, networks);
    }

    /**
     * The services in boot order: after what they depend on and after the publishers of what they consume (on a
     * message server they share); among services free to start, file order.
     */
    public List<Service> bootOrder() {
        return bootOrder(services, networks);
    }

    /** The message server names in use, each once, in name order. */
    public List<String> messageServers() {
        return services.stream().flatMap(s -> s.networks().stream()).map(n -> networks.get(n).messageServer())
                .distinct().sorted().toList();
    }

    /** The message servers of a service's networks, each once, in network order. */
    public List<String> messageServersOf(Service service) {
        return service.networks().stream().map(n -> networks.get(n).messageServer()).distinct().toList();
    }

    /** Why one service boots after another: "depends_on", or "consumes P". */
    private record Need(Service service, String why) {
    }

    private static List<Service> bootOrder(List<Service> services, Map<String, Network> networks) {
        Map<String, List<Need>> needs = new HashMap<>();
        Map<String, Service> byName = new HashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        for (Service s : services) {
            List<Need> n = new ArrayList<>();
            for (String d : s.dependsOn()) {
                n.add(new Need(byName.get(d), "depends_on"));
            }
            Set<String> servers = servers(s, networks);
            for (String protocol : s.consumes()) {
                for (Service p : services) {
                    if (p != s && p.publishes().contains(protocol)
                            && servers(p, networks).stream().anyMatch(servers::contains)) {
                        n.add(new Need(p, "consumes " + protocol));
                    }
                }
            }
            needs.put(s.name(), n);
        }
        List<Service> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Service s : services) {
            visit(new Need(s, ""), needs, done, new ArrayList<>(), out);
        }
        return out;
    }

    private static Set<String> servers(Service s, Map<String, Network> networks) {
        Set<String> out = new HashSet<>();
        for (String n : s.networks()) {
            Network net = networks.get(n);
            out.add(net == null ? n : net.messageServer());
        }
        return out;
    }

    private static void visit(Need need, Map<String, List<Need>> needs, Set<String> done, List<Need> path,
                              List<Service> out) {
        Service s = need.service();
        if (done.contains(s.name())) {
            return;
        }
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).service().name().equals(s.name())) {
                List<Need> ring = new ArrayList<>(path.subList(i, path.size()));
                ring.add(need);
                List<String> links = new ArrayList<>();
                for (int k = 1; k < ring.size(); k++) {
                    links.add(ring.get(k - 1).service().name() + " needs " + ring.get(k).service().name() + " ("
                            + ring.get(k).why() + ")");
                }
                String cycle = String.join(", ", links);
                throw new IllegalArgumentException("the services cannot boot one after another, their needs form a "
                        + "cycle: " + cycle + "; each service boots after what it depends_on and after the publishers "
                        + "of what it consumes");
            }
        }
        path.add(need);
        for (Need n : needs.get(s.name())) {
            visit(n, needs, done, path, out);
        }
        path.remove(path.size() - 1);
        done.add(s.name());
        out.add(s);
    }
}
