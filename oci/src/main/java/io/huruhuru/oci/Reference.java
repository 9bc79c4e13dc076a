package io.huruhuru.oci;

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
     * @throws InvalidDigestException if it contains a colon but is not a valid digest
     * @throws InvalidTagException if it contains no colon and is not a valid tag
     */
    static Reference parse(String text) {
        if (text != null && text.indexOf(':') >= 0) {
            return new ByDigest(Digest.parse(text));
        }
        return new ByTag(Tag.parse(text));
    }
}
