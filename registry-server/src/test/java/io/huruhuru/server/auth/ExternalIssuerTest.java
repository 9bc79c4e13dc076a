package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.config.SecurityConfig;
import io.huruhuru.signature.key.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tokens of an external issuer whose JWKS is configured are accepted beside the registry's own, and only as its. */
class ExternalIssuerTest {

    private static final SigningKey CORP_KEY = SigningKey.generate(new SecureRandom());

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(ExternalIssuerTest::withExternalIssuer);

    private static RegistryConfig withExternalIssuer(RegistryConfig config) {
        Path data = config.storage().dataDirectory();
        RegistryConfig base = AuthFixture.configure(config, data, SecurityConfig.Mode.TOKEN, AuthFixture.limits());
        try {
            Path jwks = Files.writeString(data.resolve("corp.jwks"),
                    "{\"keys\":[" + CORP_KEY.verificationKey().jwk() + "]}");
            SecurityConfig.Auth auth = base.security().auth();
            SecurityConfig.Token token = auth.token();
            return base.withSecurity(base.security().withAuth(new SecurityConfig.Auth(auth.mode(), auth.htpasswd(),
                    auth.rules(), new SecurityConfig.Token(token.realm(), token.service(), token.issuer(),
                            token.ttl(), token.key(), Optional.of("corp-sso"), Optional.of(jwks)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTokenOfTheExternalIssuerIsAccepted() {
        String token = issuedBy("corp-sso");

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/team-a/app/tags/list")
                .header("Authorization", "Bearer " + token).GET().build());

        assertEquals(404, response.statusCode(), RunningRegistry.text(response)); // past access control: no such repo
    }

    @Test
    void theExternalKeyCannotSignInTheRegistrysOwnName() {
        String token = issuedBy("huruhuru");

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/team-a/app/tags/list")
                .header("Authorization", "Bearer " + token).GET().build());

        assertEquals(401, response.statusCode());
        assertEquals("invalid_token", AuthFixture.challenge(response).get("error"));
    }

    private static String issuedBy(String issuer) {
        return new TokenIssuer(issuer, "huruhuru", Duration.ofMinutes(5), CORP_KEY, Clock.systemUTC())
                .issue("someone@corp", new TokenAccess(Map.of(RepositoryName.parse("team-a/app"),
                        EnumSet.of(Action.PULL)), false)).token();
    }
}
