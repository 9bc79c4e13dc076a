package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Routes of the registry as a whole ({@code /sel4/v1/gc}) are for whom a rule over every repository ({@code **})
 * lets delete: the fixture's admin; a writer of one namespace and a reader are refused, and nobody gets in without
 * credentials.
 */
class AdministrationAccessTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.BASIC, AuthFixture.limits()));

    @Test
    void onlyAnAdministratorOfEveryRepositoryMayCollectGarbage() {
        assertEquals(200, status("admin", "POST"));
        assertEquals(200, status("admin", "GET"));
        assertEquals(403, status("writer", "POST"));
        assertEquals(403, status("reader", "GET"));
        assertEquals(401, status(null, "POST"));
    }

    private int status(String user, String method) {
        HttpRequest.Builder request = registry.request("/sel4/v1/gc?dryRun=true")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", AuthFixture.basic(user, AuthFixture.password(user)));
        }
        return registry.send(request.build()).statusCode();
    }
}
