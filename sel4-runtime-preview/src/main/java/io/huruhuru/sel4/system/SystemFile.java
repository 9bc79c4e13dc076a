package io.huruhuru.sel4.system;

import io.huruhuru.sel4.UnreadableInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a compose file: top-level {@code name}, {@code services} and {@code networks} (with {@code x-msg-server});
 * per service {@code image} (resolved by a {@link ServiceImages}: registry references in the server, application
 * description JSON files beside the compose file in the file form), {@code command}, {@code entrypoint},
 * {@code environment} (list or map form), {@code depends_on}, {@code networks}, {@code devices}, {@code privileged}
 * and {@code cap_add}. Keys starting with {@code x-} are ignored; any other key is refused, so that nothing a file
 * asks for is silently dropped.
 */
public final class SystemFile {

    private static final Set<String> TOP = Set.of("name", "services", "networks", "version");
    private static final Set<String> SERVICE = Set.of("image", "command", "entrypoint", "environment", "depends_on",
            "networks", "devices", "privileged", "cap_add");
    /** The system's name when the compose text names none and no file name gives one. */
    public static final String DEFAULT_NAME = "system";

    private SystemFile() {
    }

    /** Reads a compose file whose {@code image:} values name application description files beside it. */
    public static SystemDescription read(Path yaml) throws UnreadableInputException {
        String text;
        try {
            text = Files.readString(yaml);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read system file " + yaml + ": " + e.getMessage(), e);
        }
        String fileName = yaml.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        try {
            return read(text, fileName, new ApplicationFileImages(yaml.toAbsolutePath().getParent()));
        } catch (UnreadableInputException e) {
            throw new UnreadableInputException(yaml + ": " + e.getMessage(), e);
        }
    }

    /** Reads compose text whose {@code image:} values {@code images} resolves. */
    public static SystemDescription read(String yaml, ServiceImages images) throws UnreadableInputException {
        return read(yaml, DEFAULT_NAME, images);
    }

    private static SystemDescription read(String yaml, String defaultName, ServiceImages images)
            throws UnreadableInputException {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            // the problem and where, without the parser's multi-line excerpt of the input
            org.yaml.snakeyaml.error.Mark mark = e.getProblemMark();
            throw new UnreadableInputException("the compose file is not valid YAML: " + e.getProblem()
                    + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)),
                    e);
        } catch (YAMLException e) {
            throw new UnreadableInputException("the compose file is not valid YAML: " + e.getMessage(), e);
        }
        try {
            return parse(map(doc, "the compose file"), defaultName, images);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException(e.getMessage(), e);
        } catch (ClassCastException e) {
            // a key YAML reads as a number or true/false (services: {1: ...}) where a name is due
            throw new UnreadableInputException("the compose file has a key of the wrong type: names of services, "
                    + "networks and variables are strings; quote a name that YAML reads as a number or true/false", e);
        }
    }

    private static SystemDescription parse(Map<String, Object> doc, String defaultName, ServiceImages images)
            throws UnreadableInputException {
        checkKeys(doc, TOP, "the compose file");
        String name = doc.get("name") != null ? doc.get("name").toString() : defaultName;
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
                    images, networks));
        }
        return new SystemDescription(name, services, networks);
    }

    private static Service service(String name, Map<String, Object> s, ServiceImages images,
                                   Map<String, Network> networks) throws UnreadableInputException {
        String where = "service '" + name + "'";
        checkKeys(s, SERVICE, where);
        if (!(s.get("image") instanceof String image) || image.isBlank()) {
            throw new IllegalArgumentException(where + " has no image");
        }
        ServiceProcess process = new ServiceProcess(words(s, "entrypoint", where), words(s, "command", where),
                environment(s.get("environment"), where));
        ServiceImage resolved;
        try {
            resolved = images.resolve(name, image, process);
        } catch (UnreadableInputException e) {
            throw new UnreadableInputException(where + ": " + e.getMessage(), e);
        }
        if (resolved instanceof ServiceImage.Bootable b && !b.application().name().equals(name)) {
            resolved = new ServiceImage.Bootable(b.application().withName(name));
        }
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
        return new Service(name, resolved, keysOrList(s.get("depends_on"), where + " depends_on"), nets, devices, p,
                caps);
    }

    /** command or entrypoint: a list, or a string split at white space (no shell runs it on seL4). */
    private static Optional<List<String>> words(Map<String, Object> s, String key, String where) {
        Object v = s.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String c) {
            return Optional.of(c.isBlank() ? List.of() : List.of(c.trim().split("\\s+")));
        }
        return Optional.of(strings(v, where + " " + key));
    }

    /** The environment as compose gives it: a list of KEY=value (KEY alone means empty) or a mapping. */
    private static Map<String, String> environment(Object env, String where) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> vars.put(k.toString(), v == null ? "" : v.toString()));
        } else {
            for (String e : strings(env, where + " environment")) {
                String[] kv = e.split("=", 2);
                vars.put(kv[0], kv.length == 2 ? kv[1] : "");
            }
        }
        for (String k : vars.keySet()) {
            if (k.isEmpty()) {
                throw new IllegalArgumentException(where + ": an environment variable has no name");
            }
        }
        return vars;
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
