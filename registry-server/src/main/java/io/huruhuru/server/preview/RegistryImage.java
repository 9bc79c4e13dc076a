package io.huruhuru.server.preview;

import io.huruhuru.oci.ImageReference;
import io.huruhuru.oci.Reference;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import java.util.Set;

/**
 * An {@code image:} value that names an image of this registry: {@code NAME:TAG} or {@code NAME@DIGEST}, with a
 * {@code HOST:PORT/} prefix only when it names this registry (an address it was reached at, or its configured name).
 */
public record RegistryImage(RepositoryName repository, Reference reference) {

    /**
     * @param ownHosts the names of this registry a prefix may use
     * @param refusal the code a value that is malformed or names another registry is refused with
     */
    public static RegistryImage parse(String text, Set<String> ownHosts, ErrorCode refusal) {
        ImageReference parsed;
        try {
            parsed = ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw RegistryException.withMessage(refusal, "image " + text + " is not a reference NAME:TAG or "
                    + "NAME@DIGEST: " + e.getMessage(), e.getMessage());
        }
        if (parsed.registry().isPresent() && !ownHosts.contains(parsed.registry().get())) {
            String why = "image " + text + " names the registry " + parsed.registry().get() + "; a preview reads "
                    + "images of this registry only: write NAME:TAG or NAME@DIGEST (or prefix " + String.join(" or ",
                    ownHosts.stream().sorted().toList()) + ")";
            throw RegistryException.withMessage(refusal, why, why);
        }
        return new RegistryImage(parsed.repository(), parsed.reference());
    }

    @Override
    public String toString() {
        return repository + (reference instanceof Reference.ByDigest ? "@" : ":") + reference;
    }
}
