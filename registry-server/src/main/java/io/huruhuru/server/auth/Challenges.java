package io.huruhuru.server.auth;

import io.huruhuru.server.config.SecurityConfig;
import io.huruhuru.server.http.Requests;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The {@code WWW-Authenticate} value of a 401: {@code Basic realm=...}, or the Docker token challenge
 * {@code Bearer realm="<token endpoint>",service="<service>"[,scope=...][,error=...]} that clients follow to the
 * token endpoint.
 */
public final class Challenges {

    private final SecurityConfig.Mode mode;
    private final Optional<String> realm;
    private final String service;

    public Challenges(SecurityConfig.Mode mode, Optional<String> realm, String service) {
        this.mode = mode;
        this.realm = realm;
        this.service = service;
    }

    public String challenge(RoutingContext ctx, Optional<Scope> scope, Optional<String> error) {
        if (mode != SecurityConfig.Mode.TOKEN) {
            return basic(service);
        }
        StringBuilder challenge = new StringBuilder("Bearer realm=").append(quoted(realm(ctx)))
                .append(",service=").append(quoted(service));
        scope.ifPresent(s -> challenge.append(",scope=").append(quoted(s.toString())));
        error.ifPresent(e -> challenge.append(",error=").append(quoted(e)));
        return challenge.toString();
    }

    /**
     * The configured realm, or the token endpoint at the address and with the scheme of the connection (https on the
     * TLS port): never the client's {@code Host} header, which would send its credentials wherever the header says.
     */
    String realm(RoutingContext ctx) {
        return realm.orElseGet(() -> (ctx.request().isSSL() ? "https" : "http") + "://"
                + Requests.reachedAddress(ctx) + TokenEndpoint.PATH);
    }

    /** The Basic challenge of {@code realm}, quoted and escaped. */
    public static String basic(String realm) {
        return "Basic realm=" + quoted(realm);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
