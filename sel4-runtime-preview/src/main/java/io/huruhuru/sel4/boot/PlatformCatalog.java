package io.huruhuru.sel4.boot;

import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.kernel.KernelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The platforms shipped as YAML resources, read once and kept in name order. */
public final class PlatformCatalog {

    /** The shipped platform files; each file says where its numbers come from. */
    static final List<String> SHIPPED = List.of("imx8mm-evk", "pc99", "qemu-arm-virt", "qemu-arm-virt-2g", "rpi4b-4g");

    private static final List<Platform> ALL = SHIPPED.stream().map(PlatformCatalog::load).toList();

    private PlatformCatalog() {
    }

    public static List<Platform> all() {
        return ALL;
    }

    public static Optional<Platform> find(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Platform load(String name) {
        String resource = "platforms/" + name + ".yaml";
        try (InputStream in = PlatformCatalog.class.getResourceAsStream("/io/huruhuru/sel4/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("platform resource " + resource + " is missing");
            }
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return parse(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds a platform from a parsed YAML document (also used for platforms given by users). */
    @SuppressWarnings("unchecked")
    public static Platform parse(Map<String, Object> doc) {
        Map<String, Object> k = (Map<String, Object>) doc.get("kernel");
        Architecture arch = Architecture.parse(str(doc, "architecture"));
        KernelConfig config = new KernelConfig(arch, bool(k, "mcs"), bool(k, "hypervisor"), (int) num(k, "paSizeBits"),
                (int) num(k, "rootCNodeSizeBits"),
                (int) num(k, "numPriorities"), (int) num(k, "tcbBits"), (int) num(k, "retypeFanOutLimit"),
                (int) num(k, "maxBootInfoUntypeds"), num(k, "paddrUserDeviceTop"),
                k.containsKey("maxIrq") ? (int) num(k, "maxIrq") : KernelConfig.DEFAULT_MAX_IRQ);
        List<Region> memory = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) doc.get("memory")) {
            memory.add(new Region(num(m, "start"), num(m, "end")));
        }
        Map<String, Object> ki = (Map<String, Object>) doc.get("kernelImage");
        Region kernelImage = new Region(num(ki, "paddr"), num(ki, "paddr") + num(ki, "size"));
        boolean devMem = false;
        if (doc.get("policy") instanceof Map<?, ?> policy && policy.containsKey("devMem")) {
            devMem = bool((Map<String, Object>) policy, "devMem");
        }
        return new Platform(str(doc, "name"), str(doc, "description"), str(doc, "source"), config, memory,
                kernelImage, num(ki, "bootSize"), num(doc, "dtbBytes"), devices(doc.get("kernelDevices")), devices(doc.get("devices")), devMem);
    }

    @SuppressWarnings("unchecked")
    private static List<Platform.Device> devices(Object list) {
        List<Platform.Device> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Map<String, Object> d : (List<Map<String, Object>>) list) {
            List<Integer> irqs = new ArrayList<>();
            Object raw = d.get("irqs");
            if (raw instanceof List<?> l) {
                for (Object o : l) {
                    irqs.add(((Number) o).intValue());
                }
            }
            List<String> nodes = new ArrayList<>();
            if (d.get("nodes") instanceof List<?> l) {
                for (Object o : l) {
                    nodes.add(o.toString());
                }
            }
            out.add(new Platform.Device(str(d, "name"), num(d, "paddr"), num(d, "size"), irqs, nodes));
        }
        return out;
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("platform field '" + key + "' is missing");
        }
        return v.toString().trim();
    }

    private static boolean bool(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("platform field '" + key + "' must be true or false");
        }
        return b;
    }

    private static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("platform field '" + key + "' must be a number");
    }
}
