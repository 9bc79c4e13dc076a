package io.huruhuru.oci;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reference to an image as Docker and skopeo write it: {@code [registry/]repository[:tag][@digest]}, e.g.
 * {@code 127.0.0.1:5000/kos/hello:1.0} or {@code kos/hello@sha256:...}. Without a tag or digest it names
 * {@code latest}.
 *
 * @param registry the host, with its port if any; present only when the first path component is one (it has a
 *     {@code .} or {@code :}, or is {@code localhost}), as Docker decides
 * @param reference the digest when one is given, else the tag
 */
public record ImageReference(Optional<String> registry, RepositoryName repository, Reference reference) {

    // A DNS name or IPv4 address, or a bracketed IPv6 address, then an optional port.
    private static final Pattern REGISTRY =
            Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");
    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");
    private static final Tag LATEST = Tag.parse("latest");

    /**
     * Parses a reference.
     *
     * @throws InvalidImageReferenceException if it is empty or its registry part is malformed
     * @throws IllegalArgumentException the parse exception of the part that is malformed ({@link InvalidDigestException},
     *     {@link InvalidTagException}, {@link InvalidRepositoryNameException})
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidImageReferenceException("empty image reference");
        }
        String rest = text;
        Optional<Reference> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(new Reference.ByDigest(Digest.parse(rest.substring(at + 1))));
            rest = rest.substring(0, at);
        }
        Optional<String> registry = Optional.empty();
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!REGISTRY.matcher(first).matches()) {
                    throw new InvalidImageReferenceException("invalid registry host in image reference: " + first);
                }
                registry = Optional.of(first);
                rest = rest.substring(slash + 1);
            }
        }
        Optional<Reference> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = Optional.of(new Reference.ByTag(Tag.parse(rest.substring(colon + 1))));
            rest = rest.substring(0, colon);
        }
        RepositoryName repository = RepositoryName.parse(rest);
        Reference reference = digest.isPresent() ? digest.get() : tag.orElse(new Reference.ByTag(LATEST));
        return new ImageReference(registry, repository, reference);
    }

    /**
     * The repository as Docker shows it: without the {@code library/} that Docker Hub puts before official images,
     * so {@code app:1.0} and {@code docker.io/library/app:1.0} both give {@code app}.
     */
    public String familiarRepository() {
        String name = repository.value();
        boolean hub = registry.isEmpty() || DOCKER_HUB.contains(registry.get());
        return hub && name.startsWith("library/") ? name.substring("library/".length()) : name;
    }

    /**
     * The reference as Docker normalises it, to compare names written in different forms: Docker Hub's registry
     * and {@code library/} made explicit, so {@code app:1.0} is {@code docker.io/library/app:1.0}.
     */
    public String normalized() {
        boolean hub = registry.isEmpty() || DOCKER_HUB.contains(registry.get());
        String name = hub && repository.value().indexOf('/') < 0 ? "library/" + repository : repository.value();
        return (hub ? "docker.io" : registry.get()) + "/" + name + separator() + reference;
    }

    private String separator() {
        return reference instanceof Reference.ByDigest ? "@" : ":";
    }

    @Override
    public String toString() {
        return registry.map(r -> r + "/").orElse("") + repository + separator() + reference;
    }
}
