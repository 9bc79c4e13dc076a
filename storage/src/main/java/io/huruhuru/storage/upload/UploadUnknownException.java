package io.huruhuru.storage.upload;

/**
 * No such upload: never started, started in another repository, named by a malformed id, or ended (committed,
 * cancelled or expired), also while a request was writing it.
 */
public class UploadUnknownException extends RuntimeException {

    private final String uploadId;

    public UploadUnknownException(String uploadId, String reason) {
        super("upload " + uploadId + " " + reason);
        this.uploadId = uploadId;
    }

    public String uploadId() {
        return uploadId;
    }
}
