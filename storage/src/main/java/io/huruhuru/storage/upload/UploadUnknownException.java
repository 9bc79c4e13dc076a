package io.huruhuru.storage.upload;

/**
 * No such upload: never started, started in another repository, named by a malformed id, or ended (committed,
 * cancelled or expired), also while a request was writing it.
 */
public class UploadUnknownException extends RuntimeException {

    public UploadUnknownException(String uploadId, String reason) {
        super("upload " + uploadId + " " + reason);
    }
}
