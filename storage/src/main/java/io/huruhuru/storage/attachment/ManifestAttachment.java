package io.huruhuru.storage.attachment;

/** A record kept with a manifest under a role of its own, written and deleted atomically with the manifest. */
public record ManifestAttachment(AttachmentRole role, byte[] content) {

    public ManifestAttachment {
        if (role == null || content == null) {
            throw new NullPointerException("role and content are required");
        }
    }
}
