package io.huruhuru.server.signing;

import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.signature.key.KeyRing;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /sel4/v1/keys}: the public keys that verify the registry's signatures, the signing key first, as a JWKS
 * (the default, RFC 7517) or as PEM ({@code ?format=pem}, or an {@code Accept} of {@code application/x-pem-file}).
 */
public final class KeyHandlers {

    static final String JWKS = "application/jwk-set+json";
    static final String PEM = "application/x-pem-file";

    private final Buffer jwks;
    private final Buffer pem;

    public KeyHandlers(KeyRing keys) {
        // the keys do not change while the registry runs: render once
        this.jwks = Buffer.buffer(keys.jwks());
        this.pem = Buffer.buffer(keys.pem().getBytes(StandardCharsets.US_ASCII));
    }

    public void get(RoutingContext ctx) {
        String format = ctx.queryParams().get("format");
        String accept = ctx.request().getHeader("Accept");
        boolean asPem;
        if (format == null) {
            asPem = accept != null && accept.contains(PEM) && !accept.contains(JWKS);
        } else if (format.equals("pem") || format.equals("jwks")) {
            asPem = format.equals("pem");
        } else {
            throw RegistryException.of(ErrorCode.REQUEST_INVALID, "format must be jwks or pem, got: " + format);
        }
        Buffer body = asPem ? pem : jwks;
        ctx.response().putHeader("Content-Type", asPem ? PEM : JWKS)
                .putHeader("Content-Length", Integer.toString(body.length()))
                .putHeader("Cache-Control", "no-cache")
                .end(body);
    }
}
