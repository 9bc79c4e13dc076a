package io.huruhuru.server.http;

import io.huruhuru.oci.Digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.huruhuru.oci.ImageConfigInvalidException;
import io.huruhuru.oci.InvalidDigestException;
import io.huruhuru.oci.InvalidRepositoryNameException;
import io.huruhuru.oci.InvalidTagException;
import io.huruhuru.oci.ManifestInvalidException;
import io.huruhuru.oci.UnsupportedManifestTypeException;
import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.blob.BlobUnknownException;
import io.huruhuru.storage.upload.DigestMismatchException;
import io.vertx.ext.web.handler.HttpException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FailureHandlerTest {

    private static ErrorCode codeOf(Throwable failure) {
        return FailureHandler.translate(failure, 500).code();
    }

    @Test
    void everyOciParseExceptionHasItsOwnCode() {
        assertEquals(ErrorCode.DIGEST_INVALID, codeOf(new InvalidDigestException("sha256:x")));
        assertEquals(ErrorCode.NAME_INVALID, codeOf(new InvalidRepositoryNameException("Repo")));
        assertEquals(ErrorCode.TAG_INVALID, codeOf(new InvalidTagException("-bad")));
        assertEquals(ErrorCode.MANIFEST_INVALID, codeOf(new ManifestInvalidException("not json")));
        assertEquals(ErrorCode.UNSUPPORTED, codeOf(new UnsupportedManifestTypeException("schema 1")));
        assertEquals(ErrorCode.MANIFEST_INVALID, codeOf(new ImageConfigInvalidException("not json")));
    }

    @Test
    void everyStorageDomainExceptionHasItsOwnCode() {
        assertEquals(ErrorCode.BLOB_UNKNOWN, codeOf(new BlobUnknownException(Digest.parse("sha256:" + "0".repeat(64)))));
        assertEquals(ErrorCode.DIGEST_INVALID, codeOf(new DigestMismatchException(Digest.parse("sha256:" + "0".repeat(64)),
                Digest.parse("sha256:" + "1".repeat(64)))));
    }

    @Test
    void aFailureOfTheRegistryItselfIsLeftToTheUnknownCode() {
        assertNull(FailureHandler.translate(new StorageException("disk gone"), 500));
    }

    @Test
    void vertxStatusesBecomeCodesWhoseStatusIsTheSame() {
        for (int status : new int[] {400, 404, 405, 413, 415}) {
            assertEquals(status, FailureHandler.translate(new HttpException(status), 500).status(), "status " + status);
        }
    }

    @Test
    void onlyTheUnknownCodeIsAServerError() {
        assertEquals(1, Arrays.stream(ErrorCode.values()).filter(code -> code.status() >= 500).count());
        assertEquals(500, ErrorCode.UNKNOWN.status());
    }
}
