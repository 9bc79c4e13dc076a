package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may do what: every endpoint and method of the API against an anonymous caller and the users of
 * {@link AuthFixture#RULES} (reader: pull on team-a; writer: pull, push, delete and validate on team-a, push on public;
 * admin: everything; other: everything on team-b and validate alone on team-a; anonymous pull on public). A
 * validation reads the repository (a stored manifest, whether a tag exists), so it needs pull as well as validate.
 * {@code ok} means the request got past access control (the handler's answer, 2xx or an OCI error other than
 * 401/403), {@code 401} UNAUTHORIZED with a challenge, {@code 403} DENIED.
 *
 * <p>This table is the documentation of access control; the README links here.
 */
class AuthorizationMatrixTest {

    static final String MATRIX = """
            method path                                                     anonymous reader writer admin other
            GET    /v2/                                                     401       ok     ok     ok    ok
            HEAD   /v2/                                                     401       ok     ok     ok    ok
            GET    /v2/_catalog                                             401       ok     ok     ok    ok
            POST   /v2/team-a/app/blobs/uploads/                            401       403    ok     ok    403
            POST   /v2/team-a/app/blobs/uploads/?digest={blob}              401       403    ok     ok    403
            PATCH  /v2/team-a/app/blobs/uploads/{upload}                    401       403    ok     ok    403
            PUT    /v2/team-a/app/blobs/uploads/{upload}?digest={blob}      401       403    ok     ok    403
            GET    /v2/team-a/app/blobs/uploads/{upload}                    401       403    ok     ok    403
            DELETE /v2/team-a/app/blobs/uploads/{upload}                    401       403    ok     ok    403
            GET    /v2/team-a/app/blobs/{blob}                              401       ok     ok     ok    403
            HEAD   /v2/team-a/app/blobs/{blob}                              401       ok     ok     ok    403
            DELETE /v2/team-a/app/blobs/{blob}                              401       403    ok     ok    403
            GET    /v2/team-a/app/manifests/latest                          401       ok     ok     ok    403
            HEAD   /v2/team-a/app/manifests/latest                          401       ok     ok     ok    403
            PUT    /v2/team-a/app/manifests/latest                          401       403    ok     ok    403
            DELETE /v2/team-a/app/manifests/{blob}                          401       403    ok     ok    403
            GET    /v2/team-a/app/tags/list                                 401       ok     ok     ok    403
            GET    /v2/team-a/app/referrers/{blob}                          401       ok     ok     ok    403
            POST   /sel4/v1/validations?repository=team-a/app&reference=x   401       403    ok     ok    403
            GET    /sel4/v1/validations/team-a/app/{blob}                   401       ok     ok     ok    403
            GET    /v2/team-b/app/manifests/latest                          401       403    403    ok    ok
            PUT    /v2/team-b/app/manifests/latest                          401       403    403    ok    ok
            DELETE /v2/team-b/app/blobs/{blob}                              401       403    403    ok    ok
            GET    /v2/public/app/manifests/latest                          ok        ok     ok     ok    ok
            GET    /v2/public/app/blobs/{blob}                              ok        ok     ok     ok    ok
            PUT    /v2/public/app/manifests/latest                          401       403    ok     ok    403
            DELETE /v2/public/app/manifests/latest                          401       403    403    ok    403
            GET    /sel4/v1/keys                                            ok        ok     ok     ok    ok
            HEAD   /sel4/v1/keys                                            ok        ok     ok     ok    ok
            GET    /token                                                   ok        ok     ok     ok    ok
            GET    /token/jwks                                              ok        ok     ok     ok    ok
            """;
    private static final String[] CALLERS = {null, "reader", "writer", "admin", "other"};
    private static final String BLOB = RunningRegistry.sha256("matrix".getBytes(StandardCharsets.UTF_8));
    private static final String UPLOAD = "8f2c5a0e-3b1d-4c6f-9a7e-0d1b2c3d4e5f";

    @RegisterExtension
    final RunningRegistry tokenRegistry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.TOKEN, AuthFixture.limits()));

    @Test
    void withTokenAuthenticationEveryCallerGetsWhatTheTableSays() {
        assertEquals(render(table()), render(observed(tokenRegistry, true)));
    }

    /** The rows of {@link #MATRIX}, header first, as cells. */
    static List<List<String>> table() {
        return MATRIX.strip().lines().map(line -> List.of(line.trim().split("\\s+"))).toList();
    }

    /** The table as the registry answers it: each row's method and path, then one outcome per caller. */
    static List<List<String>> observed(RunningRegistry registry, boolean tokens) {
        List<List<String>> table = table();
        List<List<String>> observed = new ArrayList<>();
        observed.add(table.get(0));
        for (List<String> row : table.subList(1, table.size())) {
            String path = row.get(1).replace("{blob}", BLOB).replace("{upload}", UPLOAD);
            List<String> cells = new ArrayList<>(List.of(row.get(0), row.get(1)));
            for (String caller : CALLERS) {
                cells.add(outcome(registry, tokens, row.get(0), path, caller));
            }
            observed.add(cells);
        }
        return observed;
    }

    /** One line per row, columns aligned, so that a difference shows as a diff of two tables. */
    static String render(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                text.append(String.format("%-" + (widths[i] + 1) + "s", row.get(i)));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String outcome(RunningRegistry registry, boolean tokens, String method, String path,
            String caller) {
        HttpRequest.Builder request = registry.request(path);
        String repository = repositoryOf(path);
        if (path.startsWith("/token")) {
            // the token endpoint takes the user's own credentials, in either mode
            if (caller != null) {
                request.header("Authorization", AuthFixture.basic(caller, AuthFixture.password(caller)));
            }
        } else if (tokens) {
            String scope = repository == null ? "registry:catalog:*"
                    : "repository:" + repository + ":pull,push,delete,validate";
            request.header("Authorization", "Bearer " + AuthFixture.token(registry, caller, scope));
        } else if (caller != null) {
            request.header("Authorization", AuthFixture.basic(caller, AuthFixture.password(caller)));
        }
        byte[] body = method.equals("PUT") || method.equals("PATCH") || method.equals("POST")
                ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        request.header("Content-Type", "application/vnd.oci.image.manifest.v1+json");
        HttpResponse<byte[]> response = registry.send(request.method(method,
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        return switch (response.statusCode()) {
            case 401 -> "401";
            case 403 -> "403";
            default -> "ok";
        };
    }

    private static String repositoryOf(String path) {
        if (path.startsWith("/sel4/v1/validations?repository=")) {
            return path.substring(path.indexOf('=') + 1, path.indexOf('&'));
        }
        if (path.startsWith("/sel4/v1/validations/")) {
            String rest = path.substring("/sel4/v1/validations/".length());
            return rest.substring(0, rest.lastIndexOf('/'));
        }
        for (String marker : new String[] {"/blobs/", "/manifests/", "/tags/", "/referrers/"}) {
            int at = path.lastIndexOf(marker);
            if (path.startsWith("/v2/") && at > 4) {
                return path.substring(4, at);
            }
        }
        return null;
    }
}
