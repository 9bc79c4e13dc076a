package io.huruhuru.server.preview;

import io.huruhuru.sel4.system.ServiceProcess;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a preview request changes of its image's process: {@code args} replace the image's CMD (as {@code docker run
 * IMAGE ARGS...} does), {@code env} adds to or overrides its ENV. The environment is kept sorted by name, so that
 * the same variables give the same preview id whatever order a request lists them in.
 */
public record PreviewProcess(Optional<List<String>> args, SortedMap<String, String> env) {

    /** The image's own process. */
    public static final PreviewProcess UNCHANGED = new PreviewProcess(Optional.empty(), new TreeMap<>());

    public PreviewProcess {
        args = args.map(List::copyOf);
        env = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(env));
    }

    /** The same change in the compose terms the image-to-application mapping takes. */
    public ServiceProcess asService() {
        return new ServiceProcess(Optional.empty(), args, env);
    }
}
