package io.huruhuru.sel4.system;

import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ApplicationFile;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a compose file: top-level {@code name}, {@code services} and {@code networks} (with {@code x-msg-server});
 * per service {@code image} (an application description JSON file, relative to the compose file, until the
 * registry is wired in), {@code command}, {@code environment}, {@code depends_on}, {@code networks},
 * {@code devices}, {@code privileged} and {@code cap_add}. Keys starting with {@code x-} are ignored; any other
 * key is refused, so that nothing a file asks for is silently dropped.
 */
public final class SystemFile {

    private static final Set<String> TOP = Set.of("name", "services", "networks", "version");
    private static final Set<String> SERVICE = Set.of("image", "command", "environment", "depends_on", "networks",
            "devices", "privileged", "cap_add");

    private SystemFile() {
    }

    public static SystemDescription read(Path yaml) throws UnreadableInputException {
        Object doc;
        try (Reader in = Files.newBufferedReader(yaml)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read system file " + yaml + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new UnreadableInputException(yaml + " is not valid YAML: " + e.getMessage(), e);
        }
        try {
            return parse(map(doc, "the compose file"), yaml);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new UnreadableInputException(yaml + ": " + e.getMessage(), e);
        }
    }

    private static SystemDescription parse(Map<String, Object> doc, Path yaml) throws UnreadableInputException {
        checkKeys(doc, TOP, "the compose file");
        String fileName = yaml.getFileName().toString();
        String name = doc.containsKey("name") ? doc.get("name").toString() : fileName.replaceFirst("\\.[^.]*$", "");
        Map<String, Network> networks = new LinkedHashMap<>();
        if (doc.get("networks") != null) {
            for (Map.Entry<String, Object> e : map(doc.get("networks"), "networks").entrySet()) {
                Object server = e.getValue() == null ? null : map(e.getValue(), "network " + e.getKey()).get("x-msg-server");
                networks.put(e.getKey(), new Network(e.getKey(), server == null ? e.getKey() : server.toString()));
            }
        }
        if (!(doc.get("services") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'services' must map service names to services");
        }
        List<Service> services = new ArrayList<>();
        for (Map.Entry<String, Object> e : map(doc.get("services"), "services").entrySet()) {
            services.add(service(e.getKey(), e.getValue() == null ? Map.of() : map(e.getValue(), "service " + e.getKey()),
                    yaml, networks));
        }
        return new SystemDescription(name, services, networks);
    }

    private static Service service(String name, Map<String, Object> s, Path yaml, Map<String, Network> networks)
            throws UnreadableInputException {
        String where = "service '" + name + "'";
        checkKeys(s, SERVICE, where);
        if (!(s.get("image") instanceof String image)) {
            throw new IllegalArgumentException(where + " has no image");
        }
        Path app = yaml.toAbsolutePath().getParent().resolve(image);
        if (!image.endsWith(".json") || !Files.isRegularFile(app)) {
            throw new UnreadableInputException(yaml + ": " + where + ": image '" + image + "' is not an application "
                    + "description file; until the registry is wired in, image names an app.json beside the compose file");
        }
        ApplicationDescription description = ApplicationFile.read(app).withName(name);
        List<String> args = description.args();
        if (s.get("command") instanceof String c) {
            args = List.of(c.trim().split("\\s+"));
        } else if (s.containsKey("command")) {
            args = strings(s.get("command"), where + " command");
        }
        description = description.withProcess(args, environment(description.env(), s.get("environment"), where));
        List<String> nets = keysOrList(s.get("networks"), where + " networks");
        if (nets.isEmpty()) {
            nets = List.of(Network.DEFAULT);
            networks.putIfAbsent(Network.DEFAULT, new Network(Network.DEFAULT, Network.DEFAULT));
        }
        List<String> devices = new ArrayList<>();
        for (String d : strings(s.get("devices"), where + " devices")) {
            devices.add(d.split(":")[0]);
        }
        Set<LinuxCapability> caps = EnumSet.noneOf(LinuxCapability.class);
        for (String c : strings(s.get("cap_add"), where + " cap_add")) {
            caps.add(LinuxCapability.parse(c).orElseThrow(() -> new IllegalArgumentException(where
                    + ": cap_add names '" + c + "', which is not a Linux capability")));
        }
        Object privileged = s.getOrDefault("privileged", false);
        if (!(privileged instanceof Boolean p)) {
            throw new IllegalArgumentException(where + ": privileged must be true or false");
        }
        return new Service(name, description, keysOrList(s.get("depends_on"), where + " depends_on"), nets, devices, p,
                caps);
    }

    /** The image's environment with the service's variables added or replaced, in order. */
    private static List<String> environment(List<String> base, Object env, String where) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String e : base) {
            vars.put(e.split("=", 2)[0], e);
        }
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> vars.put(k.toString(), k + "=" + (v == null ? "" : v)));
        } else {
            for (String e : strings(env, where + " environment")) {
                vars.put(e.split("=", 2)[0], e);
            }
        }
        return List.copyOf(vars.values());
    }

    private static void checkKeys(Map<String, Object> m, Set<String> known, String where) {
        for (String k : m.keySet()) {
            if (!known.contains(k) && !k.startsWith("x-")) {
                throw new IllegalArgumentException(where + ": '" + k + "' is not supported by the seL4 model (supported: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " must be a mapping");
        }
        return (Map<String, Object>) o;
    }

    /** A list of names, or the keys of a mapping (depends_on and networks have both forms in compose). */
    private static List<String> keysOrList(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m.keySet().stream().map(Object::toString).toList();
        }
        return strings(o, what);
    }

    private static List<String> strings(Object o, String what) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " must be a list");
        }
        return l.stream().map(String::valueOf).toList();
    }
}
