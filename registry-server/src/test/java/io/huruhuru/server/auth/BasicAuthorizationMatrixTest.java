package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same table as {@link AuthorizationMatrixTest}, with HTTP Basic credentials on every request instead of tokens. */
class BasicAuthorizationMatrixTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.BASIC, AuthFixture.limits()));

    @Test
    void withBasicAuthenticationEveryCallerGetsWhatTheTableSays() {
        assertEquals(AuthorizationMatrixTest.render(AuthorizationMatrixTest.table(false)),
                AuthorizationMatrixTest.render(AuthorizationMatrixTest.observed(registry, false)));
    }
}
