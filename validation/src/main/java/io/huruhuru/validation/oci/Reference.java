package io.huruhuru.validation.oci;

/** The {@code <reference>} of a manifest URL: a tag or a digest. */
public sealed interface Reference {

    /** A reference by tag. */
    record ByTag(Tag tag) implements Reference {
        @Override
        public String toString() {
            return tag.value();
        }
    }

    /** A reference by digest. */
    record ByDigest(Digest digest) implements Reference {
        @Override
        public String toString() {
            return digest.toString();
        }
    }

    /**
     * Parses a reference: a digest if it contains a colon (tags cannot), else a tag.
     *
     * @throws IllegalArgumentException if it is neither a valid tag nor a valid digest
     */
    static Reference parse(String text) {
        if (text != null && text.indexOf(':') >= 0) {
            return new ByDigest(Digest.parse(text));
        }
        return new ByTag(Tag.parse(text));
    }
}
