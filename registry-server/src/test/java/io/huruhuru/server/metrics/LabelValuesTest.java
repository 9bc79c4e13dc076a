package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.auth.AccessControl;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.storage.quota.QuotaExceededException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label values come from closed sets whatever the request sent: media types, push results, auth reasons, builds. */
class LabelValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/vnd.oci.image.manifest.v1+json|application/vnd.oci.image.manifest.v1+json",
        "Application/VND.OCI.image.index.v1+json; charset=utf-8|application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json|application/vnd.docker.distribution.manifest.list.v2+json",
        "application/json|other",
        "application/vnd.oci.image.manifest.v1+json-but-longer|other",
        "text/plain\"},{\"x|other",
        "|other"
    })
    void aContentTypeIsItsMediaTypeWhenAllowedElseOther(String contentType, String label) {
        assertEquals(label, ManifestMediaType.label(contentType));
    }

    @Test
    void aManifestPushResultComesFromTheStatusAndTheFailure() {
        RepositoryName repository = RepositoryName.parse("team/app");
        assertEquals(Optional.of(ManifestPushResult.STORED), ManifestPushResult.of(201, null));
        assertEquals(Optional.of(ManifestPushResult.REFUSED_BY_VALIDATION), ManifestPushResult.of(400,
                RegistryException.validationRefusal(ErrorCode.MANIFEST_INVALID, "koskit validation failed", null)));
        assertEquals(Optional.of(ManifestPushResult.INVALID), ManifestPushResult.of(400,
                RegistryException.of(ErrorCode.MANIFEST_INVALID, "not json")));
        assertEquals(Optional.of(ManifestPushResult.REFUSED_BY_QUOTA), ManifestPushResult.of(403,
                new QuotaExceededException(repository, 10, 8, 4)));
        assertEquals(Optional.of(ManifestPushResult.FAILED), ManifestPushResult.of(500, new IllegalStateException()));
        assertEquals(Optional.empty(), ManifestPushResult.of(401, null), "a login challenge is no push");
        assertEquals(Optional.empty(), ManifestPushResult.of(403, RegistryException.of(ErrorCode.DENIED, "no")));
    }

    @Test
    void anAuthFailureReasonTellsLockoutsFromRateLimitsAndQuotasFromDenials() {
        assertEquals(Optional.of(AuthFailureReason.NO_CREDENTIALS), AuthFailureReason.of(401, null, false));
        assertEquals(Optional.of(AuthFailureReason.BAD_CREDENTIALS), AuthFailureReason.of(401, null, true));
        assertEquals(Optional.of(AuthFailureReason.DENIED), AuthFailureReason.of(403,
                RegistryException.of(ErrorCode.DENIED, "not allowed"), true));
        assertEquals(Optional.empty(), AuthFailureReason.of(403,
                new QuotaExceededException(RepositoryName.parse("a"), 1, 1, 1), true));
        assertEquals(Optional.of(AuthFailureReason.RATE_LIMITED), AuthFailureReason.of(429,
                RegistryException.of(ErrorCode.TOOMANYREQUESTS, AccessControl.RATE_LIMITED), false));
        assertEquals(Optional.of(AuthFailureReason.LOCKED_OUT), AuthFailureReason.of(429,
                RegistryException.of(ErrorCode.TOOMANYREQUESTS, "locked out for 300 s"), true));
        assertEquals(Optional.empty(), AuthFailureReason.of(404, null, true));
    }

    @Test
    void aBuildValueThatMavenDidNotFillInOrThatIsNoPlainValueReadsUnknown() {
        assertEquals(new BuildInfo("unknown", "unknown"), new BuildInfo("${project.version}", "${huruhuru.commit}"));
        assertEquals("unknown", new BuildInfo("1.0", "fatal: not a git repository").commit());
        assertEquals("unknown", new BuildInfo(null, "").version());
        assertEquals(new BuildInfo("0.1.0-SNAPSHOT", "9b0c890238cc"), new BuildInfo(" 0.1.0-SNAPSHOT", "9b0c890238cc\n"));
    }
}
