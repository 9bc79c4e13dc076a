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
import io.huruhuru.signature.key.SigningKey;
import java.security.SecureRandom;
import java.util.function.UnaryOperator;
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

    private final SigningKey key = SigningKey.generate(new SecureRandom());
    private final String kid = key.id().value();
    private final UnaryOperator<byte[]> ours = input -> Jws.raw(key.sign(input));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenIssuer issuer = new TokenIssuer("huruhuru", "registry", Duration.ofMinutes(5), key, clock);
    private final TokenVerifier verifier = new TokenVerifier("registry",
            Map.of(kid, TokenVerifier.TrustedKey.of("huruhuru", key.verificationKey())), clock);

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
        String token = B64.encodeToString(bytes("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}")) + "."
                + B64.encodeToString(bytes(claims().toString())) + ".";

        assertRefused(token, "ES256");
    }

    @Test
    void hs256WithThePublicKeyAsSecretIsRefused() throws Exception {
        String input = B64.encodeToString(bytes("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}")) + "."
                + B64.encodeToString(bytes(claims().toString()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.verificationKey().subjectPublicKeyInfo(), "HmacSHA256"));
        String token = input + "." + B64.encodeToString(mac.doFinal(bytes(input)));

        assertRefused(token, "ES256");
    }

    @Test
    void aTokenOfAnUnknownKidIsRefused() {
        assertRefused(sign("{\"alg\":\"ES256\",\"kid\":\"k2\"}", claims(), ours), "unknown key");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderOurKidIsRefused() {
        assertRefused(sign(header(), claims(), jdkSigner(generate())), "signature");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(sign(header(), claims().put("aud", "another-registry"), ours), "audience");
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        assertRefused(issuer.refreshToken("alice", "c"), "audience");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertRefused(sign(header(), claims().put("iss", "someone-else"), ours), "issuer");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        ObjectNode claims = claims();
        claims.remove("exp");

        assertRefused(sign(header(), claims, ours), "exp");
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
        verifier.verify(sign(header(), claims().put("nbf", now + 59).put("iat", now + 59), ours));

        assertRefused(sign(header(), claims().put("nbf", now + 61), ours), "not valid before");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"exp", "nbf", "iat"})
    void aTimeBeyondWhatAnInstantHoldsIsAnInvalidToken(String claim) {
        ObjectNode claims = claims();
        claims.remove("nbf");
        claims.put(claim, new java.math.BigInteger("99999999999999999999"));

        assertRefused(sign(header(), claims, ours), claim);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {Long.MAX_VALUE, 31556889864403200L, Long.MIN_VALUE})
    void aLongTimeBeyondWhatAnInstantHoldsIsAnInvalidToken(long seconds) {
        assertRefused(sign(header(), claims().put("exp", seconds), ours), "exp");
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
        byte[] der = key.sign(bytes(input));

        assertRefused(input + "." + B64.encodeToString(der), "64 bytes");
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
        assertRefused(sign("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"crit\":[\"exp\"]}", claims(), ours),
                "critical");
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

    private String header() {
        return "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}";
    }

    private static String sign(String header, ObjectNode claims, UnaryOperator<byte[]> rawSigner) {
        String input = B64.encodeToString(bytes(header)) + "." + B64.encodeToString(bytes(claims.toString()));
        return input + "." + B64.encodeToString(rawSigner.apply(bytes(input)));
    }

    /** An ES256 signer with a key the verifier does not know. */
    private static UnaryOperator<byte[]> jdkSigner(KeyPair keys) {
        return input -> {
            try {
                Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
                signer.initSign(keys.getPrivate());
                signer.update(input);
                return signer.sign();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
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
