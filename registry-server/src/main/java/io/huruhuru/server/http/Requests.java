package io.huruhuru.server.http;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.InvalidDigestException;
import io.huruhuru.oci.InvalidRepositoryNameException;
import io.huruhuru.oci.InvalidTagException;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the typed parts of a /v2 request (repository name, digests, tags), refusing malformed ones with the spec's
 * codes.
 */
public final class Requests {

    private Requests() {
    }

    /** The {@code name} path parameter as a repository name, or NAME_INVALID. */
    public static RepositoryName repository(RoutingContext ctx) {
        return repository(ctx.pathParam("name"));
    }

    /** {@code name} as a repository name, or NAME_INVALID. */
    public static RepositoryName repository(String name) {
        if (name == null || name.isEmpty()) {
            throw RegistryException.of(ErrorCode.NAME_INVALID, "a repository name is required");
        }
        try {
            return RepositoryName.parse(name);
        } catch (InvalidRepositoryNameException e) {
            throw RegistryException.of(ErrorCode.NAME_INVALID, e.getMessage());
        }
    }

    /**
     * {@code text} as a tag, or MANIFEST_INVALID: the spec has no code of its own for a malformed tag, and this is the
     * one a manifest URL with a malformed tag gets.
     */
    public static Tag tag(String text) {
        try {
            return Tag.parse(text);
        } catch (InvalidTagException e) {
            throw RegistryException.of(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
    }

    /** A digest from a path or query parameter, or DIGEST_INVALID. */
    public static Digest digest(String text) {
        if (text == null || text.isEmpty()) {
            throw RegistryException.of(ErrorCode.DIGEST_INVALID, "a digest is required");
        }
        try {
            return Digest.parse(text);
        } catch (InvalidDigestException e) {
            throw RegistryException.of(ErrorCode.DIGEST_INVALID, e.getMessage());
        }
    }
}
