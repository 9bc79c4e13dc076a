package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tokens an attacker might forge or replay, each refused for its one reason; and the good ones accepted. */
class TokenVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final RepositoryName APP = RepositoryName.parse("team-a/app");

    private final KeyPair keys = generate();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenIssuer issuer = new TokenIssuer("huruhuru", "registry", Duration.ofMinutes(5),
            (ECPrivateKey) keys.getPrivate(), "k1", clock);
    private final TokenVerifier verifier = new TokenVerifier("registry",
            Map.of("k1", new TokenVerifier.TrustedKey("huruhuru", (ECPublicKey) keys.getPublic())), clock);

    @Test
    void anIssuedTokenVerifiesWithItsSubjectAndAccess() throws Exception {
        String token = issuer.issue("alice", pull()).token();

        VerifiedToken verified = verifier.verify(token);

        assertEquals("alice", verified.subject());
        assertTrue(verified.access().allows(APP, Action.PULL));
    }

    @Test
    void anIssuedTokenCarriesEveryClaimOfDockerTokenAuthentication() throws Exception {
        String token = issuer.issue("alice", pull()).token();

        var claims = AuthFixture.claims(token);

        for (String claim : new String[] {"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "access"}) {
            assertTrue(claims.has(claim), claim + " in " + claims);
        }
        assertEquals("[{\"type\":\"repository\",\"name\":\"team-a/app\",\"actions\":[\"pull\"]}]",
                claims.get("access").toString());
    }

    @Test
    void algNoneIsRefused() {
        String token = B64.encodeToString(bytes("{\"alg\":\"none\",\"kid\":\"k1\"}")) + "."
                + B64.encodeToString(bytes(claims().toString())) + ".";

        assertRefused(token, "ES256");
    }

    @Test
    void hs256WithThePublicKeyAsSecretIsRefused() throws Exception {
        String input = B64.encodeToString(bytes("{\"alg\":\"HS256\",\"kid\":\"k1\"}")) + "."
                + B64.encodeToString(bytes(claims().toString()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.getPublic().getEncoded(), "HmacSHA256"));
        String token = input + "." + B64.encodeToString(mac.doFinal(bytes(input)));

        assertRefused(token, "ES256");
    }

    @Test
    void aTokenOfAnUnknownKidIsRefused() {
        assertRefused(sign("{\"alg\":\"ES256\",\"kid\":\"k2\"}", claims(), keys), "unknown key");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderOurKidIsRefused() {
        assertRefused(sign("{\"alg\":\"ES256\",\"kid\":\"k1\"}", claims(), generate()), "signature");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(sign(header(), claims().put("aud", "another-registry"), keys), "audience");
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        assertRefused(issuer.refreshToken("alice"), "audience");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertRefused(sign(header(), claims().put("iss", "someone-else"), keys), "issuer");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        ObjectNode claims = claims();
        claims.remove("exp");

        assertRefused(sign(header(), claims, keys), "exp");
    }

    @Test
    void anExpiredTokenIsAcceptedWithinTheLeewayAndRefusedBeyondIt() throws Exception {
        String token = issuer.issue("alice", pull()).token();

        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(2));

        assertRefused(token, "expired");
    }

    @Test
    void aCachedTokenIsStillRefusedOnceExpired() throws Exception {
        String token = issuer.issue("alice", pull()).token();
        verifier.verify(token); // now cached

        clock.advance(Duration.ofMinutes(7));

        assertRefused(token, "expired");
    }

    @Test
    void aTokenNotYetValidBeyondTheLeewayIsRefused() throws Exception {
        long now = clock.instant().getEpochSecond();
        verifier.verify(sign(header(), claims().put("nbf", now + 59).put("iat", now + 59), keys));

        assertRefused(sign(header(), claims().put("nbf", now + 61), keys), "not valid before");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token = issuer.issue("alice", pull()).token();
        String[] parts = token.split("\\.");
        String widened = B64.encodeToString(bytes(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).replace("\"pull\"", "\"pull\",\"push\"")));

        assertRefused(parts[0] + "." + widened + "." + parts[2], "signature");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String token = issuer.issue("alice", pull()).token();
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[10] ^= 1;

        assertRefused(parts[0] + "." + parts[1] + "." + B64.encodeToString(signature), "signature");
    }

    @Test
    void aDerSignatureInsteadOfRawRAndSIsRefused() throws Exception {
        String input = B64.encodeToString(bytes(header())) + "." + B64.encodeToString(bytes(claims().toString()));
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(keys.getPrivate());
        der.update(bytes(input));

        assertRefused(input + "." + B64.encodeToString(der.sign()), "64 bytes");
    }

    @Test
    void anOversizedTokenIsRefusedUnparsed() {
        assertRefused("a".repeat(Jws.MAX_LENGTH + 1), "longer");
    }

    @Test
    void aTokenWithPaddingOrForeignCharactersIsRefused() {
        String token = issuer.issue("alice", pull()).token();

        assertRefused(token + "=", "base64url");
    }

    @Test
    void criticalHeaderParametersAreRefused() {
        assertRefused(sign("{\"alg\":\"ES256\",\"kid\":\"k1\",\"crit\":[\"exp\"]}", claims(), keys), "critical");
    }

    @Test
    void accessForAnotherRepositoryOrActionGrantsNothingElse() throws Exception {
        VerifiedToken verified = verifier.verify(issuer.issue("alice", pull()).token());

        assertTrue(!verified.access().allows(APP, Action.PUSH));
        assertTrue(!verified.access().allows(RepositoryName.parse("team-a/other"), Action.PULL));
    }

    private void assertRefused(String token, String reason) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static TokenAccess pull() {
        return new TokenAccess(Map.of(APP, EnumSet.of(Action.PULL)), false);
    }

    private ObjectNode claims() {
        long now = clock.instant().getEpochSecond();
        return JSON.createObjectNode().put("iss", "huruhuru").put("sub", "alice").put("aud", "registry")
                .put("exp", now + 300).put("nbf", now).put("iat", now).put("jti", "j");
    }

    private static String header() {
        return "{\"alg\":\"ES256\",\"kid\":\"k1\"}";
    }

    private static String sign(String header, ObjectNode claims, KeyPair keys) {
        try {
            String input = B64.encodeToString(bytes(header)) + "." + B64.encodeToString(bytes(claims.toString()));
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(bytes(input));
            return input + "." + B64.encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
