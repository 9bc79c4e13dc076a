package io.huruhuru.validation.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.oci.ImageReference;
import io.huruhuru.oci.MediaType;
import io.huruhuru.validation.remote.FakeRegistry.Seen;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrySourceTest {

    private static final RepositoryName KOS_HELLO = RepositoryName.parse("kos/hello");

    private static final RegistryOptions PLAIN = RegistryOptions.defaults().withPlainHttp(true);

    private FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private ImageReference ref(String repositoryAndReference) {
        return ImageReference.parse(registry.host() + "/" + repositoryAndReference);
    }

    private ValidationReport validate(String reference, RegistryOptions options) throws Exception {
        return new ImageValidator().validate(RegistrySource.open(ref(reference), options), Policy.NONE, KOS_HELLO);
    }

    private static String layerDigest() {
        return TarBuilder.sha256(TestImage.helloLayer().gzipLayer().blob());
    }

    @Test
    void validatesAnImageByTagAskingForEveryManifestTypeTheValidatorReads() throws Exception {
        String digest = registry.push("kos/hello", "1.0", TestImage.hello());

        ValidationReport report = validate("kos/hello:1.0", PLAIN);

        assertTrue(report.passed(), report.allViolations()::toString);
        assertEquals(digest, report.digest());
        Seen manifestGet = registry.requests().get(0);
        assertEquals("/v2/kos/hello/manifests/1.0", manifestGet.path());
        assertEquals(Optional.of("application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
                + "application/vnd.docker.distribution.manifest.v2+json, "
                + "application/vnd.docker.distribution.manifest.list.v2+json"), manifestGet.accept());
    }

    @Test
    void validatesAnImageByDigest() throws Exception {
        String digest = registry.push("kos/hello", "1.0", TestImage.hello().docker());

        ValidationReport report = validate("kos/hello@" + digest, PLAIN);

        assertTrue(report.passed(), report.allViolations()::toString);
        assertEquals(MediaType.DOCKER_MANIFEST, report.mediaType());
        assertEquals("/v2/kos/hello/manifests/" + digest, registry.requests().get(0).path());
    }

    @Test
    void layerNotMatchingItsDigestCannotBeRead() throws Exception {
        registry.push("kos/hello", "1.0", TestImage.hello());
        registry.putBlob("kos/hello", layerDigest(), TestImage.helloLayer().file("x", "y").gzipLayer().blob());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> validate("kos/hello:1.0", PLAIN));

        assertEquals("blob " + layerDigest() + " from " + registry.host() + "/kos/hello does not match its digest",
                e.getMessage());
    }

    @Test
    void configNotMatchingItsDigestCannotBeRead() throws Exception {
        TestImage image = TestImage.hello();
        registry.push("kos/hello", "1.0", image);
        String config = TarBuilder.sha256(image.configBytes());
        registry.putBlob("kos/hello", config, TestImage.plain().configBytes());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> validate("kos/hello:1.0", PLAIN));

        assertEquals(registry.host() + "/kos/hello:1.0: blob " + config + " from " + registry.host()
                + "/kos/hello does not match its digest", e.getMessage());
    }

    @Test
    void manifestNotMatchingTheDigestTheRegistryClaimsCannotBeRead() throws Exception {
        TestImage image = TestImage.hello();
        registry.push("kos/hello", "1.0", image);
        String claimed = TarBuilder.sha256(TestImage.plain().manifestBytes());
        registry.putManifest("kos/hello", "1.0", image.manifestBytes(), image.manifestMediaType(), claimed);

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> validate("kos/hello:1.0", PLAIN));

        assertEquals(registry.host() + "/kos/hello:1.0: the manifest does not match its digest " + claimed,
                e.getMessage());
    }

    @Test
    void unknownManifestNamesTheRegistryRepositoryAndReference() {
        ImageSourceException e = assertThrows(ImageSourceException.class, () -> validate("kos/hello:2.0", PLAIN));

        assertEquals(registry.host() + "/kos/hello:2.0: manifest unknown (404 MANIFEST_UNKNOWN)", e.getMessage());
    }

    @Test
    void refusedConnectionNamesTheRegistry() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ImageReference reference = ImageReference.parse("127.0.0.1:" + port + "/kos/hello:1.0");

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> RegistrySource.open(reference, PLAIN));

        assertTrue(e.getMessage().startsWith("127.0.0.1:" + port + "/kos/hello:1.0: cannot connect to http://127.0.0.1:"
                + port), e.getMessage());
    }

    @Test
    void bearerChallengeIsAnsweredWithAnAnonymousTokenFromTheRealm() throws Exception {
        registry.push("kos/hello", "1.0", TestImage.hello());
        registry.requireToken("t0k3n");

        ValidationReport report = validate("kos/hello:1.0", PLAIN);

        assertTrue(report.passed(), report.allViolations()::toString);
        List<Seen> seen = registry.requests();
        Seen tokenRequest = seen.stream().filter(s -> s.path().equals("/token")).findFirst().orElseThrow();
        assertEquals("service=fake-registry&scope=repository%3Akos%2Fhello%3Apull", tokenRequest.query());
        assertEquals(Optional.empty(), tokenRequest.authorization());
        assertTrue(seen.stream().filter(s -> s.path().startsWith("/v2/")).skip(1)
                .allMatch(s -> s.authorization().equals(Optional.of("Bearer t0k3n"))), seen::toString);
        assertEquals(1, seen.stream().filter(s -> s.path().equals("/token")).count());
    }

    @Test
    void credentialsAreSentToTheTokenRealm() throws Exception {
        registry.push("kos/hello", "1.0", TestImage.hello());
        registry.requireToken("t0k3n");
        Credentials ci = new Credentials("ci", "s3cret");

        validate("kos/hello:1.0", PLAIN.withCredentials(Optional.of(ci)));

        Seen tokenRequest = registry.requests().stream().filter(s -> s.path().equals("/token")).findFirst()
                .orElseThrow();
        assertEquals(Optional.of("Basic Y2k6czNjcmV0"), tokenRequest.authorization());
    }

    @Test
    void basicChallengeIsAnsweredWithTheCredentials() throws Exception {
        registry.push("kos/hello", "1.0", TestImage.hello());
        registry.requireBasic("ci", "s3cret");

        ValidationReport report = validate("kos/hello:1.0", PLAIN.withCredentials(Optional.of(
                new Credentials("ci", "s3cret"))));

        assertTrue(report.passed(), report.allViolations()::toString);
    }

    @Test
    void basicChallengeWithoutCredentialsCannotBeRead() {
        registry.push("kos/hello", "1.0", TestImage.hello());
        registry.requireBasic("ci", "s3cret");

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> validate("kos/hello:1.0", PLAIN));

        assertEquals(registry.host() + "/kos/hello:1.0: the registry asks for a user name and password (Basic), and "
                + "none was given", e.getMessage());
    }

    @Test
    void wrongCredentialsAreRefused() {
        registry.push("kos/hello", "1.0", TestImage.hello());
        registry.requireBasic("ci", "s3cret");

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> validate("kos/hello:1.0",
                PLAIN.withCredentials(Optional.of(new Credentials("ci", "wrong")))));

        assertEquals(registry.host() + "/kos/hello:1.0: authentication required (401 UNAUTHORIZED)", e.getMessage());
    }

    @Test
    void blobRedirectsAreFollowedWithoutTheRegistrysAuthorization() throws Exception {
        registry.push("kos/hello", "1.0", TestImage.hello());
        registry.requireToken("t0k3n");
        registry.redirectBlobsTo("localhost");

        ValidationReport report = validate("kos/hello:1.0", PLAIN);

        assertTrue(report.passed(), report.allViolations()::toString);
        List<Seen> storage = registry.requests().stream().filter(s -> s.path().startsWith("/storage/")).toList();
        assertEquals(2, storage.size(), registry.requests()::toString);
        assertTrue(storage.stream().allMatch(s -> s.authorization().isEmpty()), storage::toString);
    }

    @Test
    void httpsIsTheDefault() {
        registry.push("kos/hello", "1.0", TestImage.hello());

        // the JDK's test server never answers a TLS hello, so wait briefly (a real registry answers at once)
        RegistryOptions https = new RegistryOptions(false, Optional.empty(), Duration.ofSeconds(2));

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> validate("kos/hello:1.0", https));

        assertTrue(e.getMessage().startsWith(registry.host() + "/kos/hello:1.0: "), e.getMessage());
        assertTrue(registry.requests().isEmpty(), "a plain HTTP request was made");
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        assertEquals("Credentials[ci, password hidden]", new Credentials("ci", "s3cret").toString());
        assertEquals("Basic Y2k6czNjcmV0", new Credentials("ci", "s3cret").basicAuthorization());
    }
}
