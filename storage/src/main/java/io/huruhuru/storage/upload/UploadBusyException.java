package io.huruhuru.storage.upload;

/** Another request is writing the upload: only one may at a time, so that its bytes stay in order. */
public class UploadBusyException extends RuntimeException {

    public UploadBusyException(String uploadId) {
        super("another request is writing upload " + uploadId);
    }
}
