package io.huruhuru.sel4.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a compose service changes of its image's process (Docker Compose semantics): {@code entrypoint} replaces
 * ENTRYPOINT (and drops CMD unless {@code command} is given too), {@code command} replaces CMD only,
 * {@code environment} adds to or overrides ENV.
 */
public record ServiceProcess(Optional<List<String>> entrypoint, Optional<List<String>> command,
                             Map<String, String> environment) {

    /** A service that leaves its image's process as the image says. */
    public static final ServiceProcess UNCHANGED = new ServiceProcess(Optional.empty(), Optional.empty(), Map.of());

    public ServiceProcess {
        entrypoint = entrypoint.map(List::copyOf);
        command = command.map(List::copyOf);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /**
     * The arguments of the process: the image's ENTRYPOINT and CMD as this service changes them.
     */
    public List<String> args(List<String> imageEntrypoint, List<String> imageCmd) {
        List<String> head = entrypoint.orElse(imageEntrypoint);
        List<String> tail = command.orElse(entrypoint.isPresent() ? List.of() : imageCmd);
        return Stream.concat(head.stream(), tail.stream()).toList();
    }

    /** The image's environment ({@code KEY=value} entries) with this service's variables added or replaced. */
    public List<String> env(List<String> imageEnv) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String e : imageEnv) {
            vars.put(e.split("=", 2)[0], e);
        }
        environment.forEach((k, v) -> vars.put(k, k + "=" + v));
        return List.copyOf(vars.values());
    }
}
