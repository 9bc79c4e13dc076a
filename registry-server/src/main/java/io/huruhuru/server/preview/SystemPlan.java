package io.huruhuru.server.preview;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.system.ServiceImage;
import io.huruhuru.sel4.system.ServiceImages;
import io.huruhuru.sel4.system.SystemDescription;
import io.huruhuru.sel4.system.SystemFile;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.preview.PreviewReports.ResolvedImage;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.preview.PreviewSubject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A compose file to preview, read once without touching storage: which images of this registry its services name,
 * so that access can be checked before anything is looked up, and later resolved to manifests and booted.
 */
public final class SystemPlan {

    /** The largest compose file taken. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** The most services a system may have: each is an image to map and an application to boot on a worker. */
    public static final int MAX_SERVICES = 64;

    private final byte[] compose;
    private final String text;
    private final Platform platform;
    private final SortedMap<String, RegistryImage> images;

    private SystemPlan(byte[] compose, String text, Platform platform, SortedMap<String, RegistryImage> images) {
        this.compose = compose;
        this.text = text;
        this.platform = platform;
        this.images = images;
    }

    /**
     * Reads the compose file {@code compose} (UTF-8 YAML) for {@code platform}.
     *
     * @param ownHosts the names of this registry that an {@code image:} prefix may use
     * @throws RegistryException {@code SYSTEM_INVALID} saying what is wrong with it
     */
    public static SystemPlan read(byte[] compose, Platform platform, Set<String> ownHosts) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(compose)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("the compose file is not UTF-8 text");
        }
        SortedMap<String, RegistryImage> named = new TreeMap<>();
        int[] services = {0};
        ServiceImages collect = (service, image, process) -> {
            if (++services[0] > MAX_SERVICES) {
                throw invalid("more than " + MAX_SERVICES + " services");
            }
            named.put(image, RegistryImage.parse(image, ownHosts, ErrorCode.SYSTEM_INVALID));
            // only the names matter on this pass; nothing boots from it
            return new ServiceImage.NotBootable("image", "not resolved");
        };
        try {
            SystemFile.read(text, collect);
        } catch (UnreadableInputException e) {
            throw invalid(e.getMessage());
        }
        if (named.isEmpty()) {
            throw invalid("the compose file has no services");
        }
        return new SystemPlan(compose, text, platform, Collections.unmodifiableSortedMap(named));
    }

    public Platform platform() {
        return platform;
    }

    byte[] compose() {
        return compose;
    }

    /** The repositories whose images the services name: a caller must be able to pull from each. */
    public Set<RepositoryName> repositories() {
        Set<RepositoryName> repositories = new TreeSet<>(java.util.Comparator.comparing(RepositoryName::value));
        images.values().forEach(image -> repositories.add(image.repository()));
        return repositories;
    }

    /** The manifests the images name now, each as stored. */
    record Resolved(SortedMap<String, ResolvedImage> images, Map<String, StoredManifest> manifests,
            List<PreviewSubject> subjects) {
    }

    /** @throws RegistryException {@code MANIFEST_UNKNOWN} naming an image that is not stored */
    Resolved resolve(RegistryStore store) {
        SortedMap<String, ResolvedImage> resolved = new TreeMap<>();
        Map<String, StoredManifest> manifests = new TreeMap<>();
        List<PreviewSubject> subjects = new ArrayList<>();
        images.forEach((text, image) -> {
            StoredManifest manifest = store.manifest(image.repository(), image.reference())
                    .orElseThrow(() -> RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, "image " + text
                            + ": manifest " + image.reference() + " is not in repository " + image.repository()));
            resolved.put(text, new ResolvedImage(image.repository(), manifest.digest()));
            manifests.put(text, manifest);
            subjects.add(new PreviewSubject(image.repository(), manifest.digest()));
        });
        return new Resolved(Collections.unmodifiableSortedMap(resolved), manifests, subjects);
    }

    /** The system with its images resolved by {@code images}. */
    SystemDescription read(ServiceImages images) throws UnreadableInputException {
        return SystemFile.read(text, images);
    }

    private static RegistryException invalid(String why) {
        return RegistryException.withMessage(ErrorCode.SYSTEM_INVALID, "compose file invalid: " + why, why);
    }
}
