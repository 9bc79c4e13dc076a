package io.huruhuru.signature;

/**
 * What checking one signature or attestation manifest found, in the order the checks go: a failure later in the
 * list got further, and is what a manifest with several layers reports when none verifies.
 */
public enum Outcome {
    MANIFEST_INVALID("the signature manifest is not a valid image manifest"),
    NO_SIGNATURE_LAYER("no layer is a signature payload or DSSE envelope"),
    BLOB_UNREADABLE("the payload cannot be read"),
    BLOB_DIGEST_MISMATCH("the payload does not match its digest"),
    NO_KEY_VERIFIES("no trusted key verifies the signature"),
    PAYLOAD_INVALID("the signed payload is not what a signature or attestation holds"),
    WRONG_PREDICATE_TYPE("the attestation has another predicate type"),
    DIGEST_MISMATCH("the signature is for another manifest digest"),
    REFERENCE_MISMATCH("the signature names another docker reference"),
    VERIFIED("verified");

    private final String description;

    Outcome(String description) {
        this.description = description;
    }

    /** In words, for a report. */
    public String description() {
        return description;
    }

    /** The id in JSON output: {@code no-key-verifies}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
