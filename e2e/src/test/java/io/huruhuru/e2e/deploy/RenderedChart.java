package io.huruhuru.e2e.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The Kubernetes objects of one {@code helm template} run, as the YAML maps they are. */
record RenderedChart(List<Map<String, Object>> objects) {

    @SuppressWarnings("unchecked")
    static RenderedChart parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                objects.add((Map<String, Object>) map);
            }
        }
        return new RenderedChart(List.copyOf(objects));
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return all(kind).stream().filter(object -> name.equals(at(object, "metadata", "name"))).findFirst();
    }

    Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", rendered " + found.size());
        }
        return found.get(0);
    }

    Map<String, Object> statefulSet() {
        return one("StatefulSet");
    }

    Map<String, Object> podSpec() {
        return map(at(statefulSet(), "spec", "template", "spec"));
    }

    Map<String, Object> container() {
        return map(at(podSpec(), "containers", "0"));
    }

    /** The registry's configuration file as the ConfigMap carries it. */
    String configFile() {
        return (String) at(one("ConfigMap"), "data", "config.yaml");
    }

    /** The container port of that name; fails when there is none. */
    int containerPort(String name) {
        return list(container().get("ports")).stream().map(RenderedChart::map)
                .filter(port -> name.equals(port.get("name"))).map(port -> (Integer) port.get("containerPort"))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    /** Where the volume of that name is mounted in the container; fails when it is not. */
    String mountPath(String volume) {
        return list(container().get("volumeMounts")).stream().map(RenderedChart::map)
                .filter(mount -> volume.equals(mount.get("name"))).map(mount -> (String) mount.get("mountPath"))
                .findFirst().orElseThrow(() -> new AssertionError("volume " + volume + " is not mounted"));
    }

    Map<String, Object> volume(String name) {
        return list(podSpec().get("volumes")).stream().map(RenderedChart::map)
                .filter(volume -> name.equals(volume.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** Follows map keys and list indices from {@code node}; null when the path leads nowhere. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(step);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError("expected a map, found " + node);
        }
        return (Map<String, Object>) node;
    }

    static List<?> list(Object node) {
        if (!(node instanceof List<?> list)) {
            throw new AssertionError("expected a list, found " + node);
        }
        return list;
    }
}
