package io.huruhuru.server.http;

/**
 * Every error the registry answers with: its code, message and the one HTTP status it is always answered with.
 *
 * <p>As in CNCF Distribution's {@code errcode} registry, a code and its status are registered together, once: no
 * handler picks a status of its own. A refusal that needs another status needs another code. Codes of
 * distribution-spec v1.1 ("Error Codes") come first; the others are not in the spec:
 * <ul>
 *   <li>{@code TAG_INVALID}, {@code RANGE_INVALID}, {@code PAGINATION_NUMBER_INVALID} and {@code UNKNOWN} are CNCF
 *       Distribution's codes with Distribution's statuses;</li>
 *   <li>{@code METHOD_NOT_ALLOWED} (405), {@code TOO_LARGE} (413), {@code REQUEST_INVALID} (400) and
 *       {@code REPORT_FORMAT_INVALID} (400) are Huruhuru's own, as are the boot preview's
 *       {@code PREVIEW_UNKNOWN} (404), {@code PLATFORM_UNKNOWN}, {@code PREVIEW_INVALID} and {@code SYSTEM_INVALID}
 *       (400).</li>
 * </ul>
 */
public enum ErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    /** A manifest media type the registry does not take, answered as 415 Unsupported Media Type. */
    UNSUPPORTED(415, "the operation is unsupported"),
    TOOMANYREQUESTS(429, "too many requests"),

    /** Distribution's: a tag that the spec's tag grammar does not allow, on push. */
    TAG_INVALID(400, "invalid tag"),
    /**
     * Distribution's: a chunk whose Content-Range is malformed or does not continue the upload where it stands, or a
     * request for an upload that another request is writing.
     */
    RANGE_INVALID(416, "invalid content range"),
    /** Distribution's: an {@code n} query parameter that is not a non-negative integer. */
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    /** Huruhuru's: a method that the endpoint does not serve. */
    METHOD_NOT_ALLOWED(405, "method not allowed"),
    /** Huruhuru's: a body larger than the registry takes at that endpoint (a manifest over its limit). */
    TOO_LARGE(413, "request body too large"),
    /** Huruhuru's: a request that is malformed below the level of the API (a bad URI encoding, say). */
    REQUEST_INVALID(400, "malformed request"),
    /** Huruhuru's: a validation report format that the registry cannot render. */
    REPORT_FORMAT_INVALID(400, "unknown report format"),
    /** Huruhuru's: a boot preview or system preview id that the registry does not keep. */
    PREVIEW_UNKNOWN(404, "boot preview unknown to registry"),
    /** Huruhuru's: a platform (board) that the seL4 model does not know. */
    PLATFORM_UNKNOWN(400, "platform unknown"),
    /** Huruhuru's: a boot preview request that is malformed (its JSON body, its image reference). */
    PREVIEW_INVALID(400, "boot preview request invalid"),
    /** Huruhuru's: a compose file that cannot be read as a system of this registry's images. */
    SYSTEM_INVALID(400, "compose system invalid"),
    /** Distribution's answer to a failure of the registry itself, never to bad input. */
    UNKNOWN(500, "unknown error");

    private final int status;
    private final String message;

    ErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
