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
 * Each cell is the status the caller gets: 401 UNAUTHORIZED with a challenge, 403 DENIED, and for a caller let
 * through the handler's answer with this fixture (nothing stored but the blob {@code {mountable}} in team-b, which the
 * mount row's admin links into team-a, making it a repository with an empty tag list: 404 for what does not exist,
 * 400 for the {@code {}} body), so a 500 or a 429 fails the table. {@code anonymous} asks for an
 * anonymous token in token mode, {@code none} sends no {@code Authorization} at all; in Basic mode both send none,
 * and the token endpoint's rows are 404 (there is none). A preview or system request names its image's repository in
 * its body: {@code <team-a/app>} after the path is the repository of the body's image ({@code latest}, which is not
 * stored: 404 for a caller who may pull). A preview id that is not kept is 404 to everybody: its repositories are
 * known only from the kept preview.
 *
 * <p>This table is the documentation of access control; the README links here.
 */
class AuthorizationMatrixTest {

    static final String MATRIX = """
            method path                                                        anonymous none reader writer admin other
            GET    /v2/                                                        401       401  200    200    200   200
            HEAD   /v2/                                                        401       401  200    200    200   200
            GET    /v2/_catalog                                                401       401  200    200    200   200
            POST   /v2/team-a/app/blobs/uploads/                               401       401  403    202    202   403
            POST   /v2/team-a/app/blobs/uploads/?digest={blob}                 401       401  403    400    400   403
            POST   /v2/team-a/app/blobs/uploads/?mount={mountable}&from=team-b/app 401   401  403    202    201   403
            PATCH  /v2/team-a/app/blobs/uploads/{upload}                       401       401  403    404    404   403
            PUT    /v2/team-a/app/blobs/uploads/{upload}?digest={blob}         401       401  403    404    404   403
            GET    /v2/team-a/app/blobs/uploads/{upload}                       401       401  403    404    404   403
            DELETE /v2/team-a/app/blobs/uploads/{upload}                       401       401  403    404    404   403
            GET    /v2/team-a/app/blobs/{blob}                                 401       401  404    404    404   403
            HEAD   /v2/team-a/app/blobs/{blob}                                 401       401  404    404    404   403
            DELETE /v2/team-a/app/blobs/{blob}                                 401       401  403    404    404   403
            GET    /v2/team-a/app/manifests/latest                             401       401  404    404    404   403
            HEAD   /v2/team-a/app/manifests/latest                             401       401  404    404    404   403
            PUT    /v2/team-a/app/manifests/latest                             401       401  403    400    400   403
            DELETE /v2/team-a/app/manifests/{blob}                             401       401  403    404    404   403
            GET    /v2/team-a/app/tags/list                                    401       401  200    200    200   403
            GET    /v2/team-a/app/referrers/{blob}                             401       401  200    200    200   403
            POST   /sel4/v1/validations?repository=team-a/app&reference=x      401       401  403    404    404   403
            GET    /sel4/v1/validations/team-a/app/{blob}                      401       401  404    404    404   403
            GET    /v2/team-b/app/manifests/latest                             401       401  403    403    404   404
            PUT    /v2/team-b/app/manifests/latest                             401       401  403    403    400   400
            DELETE /v2/team-b/app/blobs/{blob}                                 401       401  403    403    404   404
            GET    /v2/public/app/manifests/latest                             404       404  404    404    404   404
            GET    /v2/public/app/blobs/{blob}                                 404       404  404    404    404   404
            PUT    /v2/public/app/manifests/latest                             401       401  403    400    400   403
            DELETE /v2/public/app/manifests/latest                             401       401  403    403    404   403
            POST   /sel4/v1/previews<team-a/app>                               401       401  404    404    404   403
            POST   /sel4/v1/previews<public/app>                               404       404  404    404    404   404
            GET    /sel4/v1/previews?repository=team-a/app                     401       401  200    200    200   403
            GET    /sel4/v1/previews/{preview}                                 404       404  404    404    404   404
            POST   /sel4/v1/systems?platform=qemu-arm-virt<team-a/app>         401       401  404    404    404   403
            GET    /sel4/v1/systems/{preview}                                  404       404  404    404    404   404
            GET    /sel4/v1/platforms                                          401       401  200    200    200   200
            POST   /sel4/v1/gc?dryRun=true                                     401       401  403    403    200   403
            GET    /sel4/v1/gc                                                 401       401  403    403    200   403
            GET    /sel4/v1/keys                                               200       200  200    200    200   200
            HEAD   /sel4/v1/keys                                               200       200  200    200    200   200
            GET    /token                                                      200       200  200    200    200   200
            POST   /token                                                      401       401  200    200    200   200
            GET    /token/jwks                                                 200       200  200    200    200   200
            GET    /openapi.yaml                                               200       200  200    200    200   200
            """;
    /** {@code ""} is the caller that sends no credentials at all, null the anonymous one. */
    private static final String[] CALLERS = {null, "", "reader", "writer", "admin", "other"};
    private static final String BLOB = RunningRegistry.sha256("matrix".getBytes(StandardCharsets.UTF_8));
    private static final byte[] MOUNTABLE = "mountable".getBytes(StandardCharsets.UTF_8);
    private static final String UPLOAD = "8f2c5a0e-3b1d-4c6f-9a7e-0d1b2c3d4e5f";

    @RegisterExtension
    final RunningRegistry tokenRegistry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.TOKEN, AuthFixture.limits()));

    @Test
    void withTokenAuthenticationEveryCallerGetsWhatTheTableSays() {
        assertEquals(render(table(true)), render(observed(tokenRegistry, true)));
    }

    /** The rows of {@link #MATRIX}, header first, as cells; without tokens, the token endpoint's rows are 404. */
    static List<List<String>> table(boolean tokens) {
        return MATRIX.strip().lines().map(line -> List.of(line.trim().split("\\s+")))
                .map(row -> tokens || !row.get(1).startsWith("/token") ? row
                        : java.util.stream.Stream.concat(row.subList(0, 2).stream(),
                                row.subList(2, row.size()).stream().map(cell -> "404")).toList())
                .toList();
    }

    /** The table as the registry answers it: each row's method and path, then one outcome per caller. */
    static List<List<String>> observed(RunningRegistry registry, boolean tokens) {
        pushMountable(registry, tokens);
        List<List<String>> table = table(tokens);
        List<List<String>> observed = new ArrayList<>();
        observed.add(table.get(0));
        for (List<String> row : table.subList(1, table.size())) {
            String path = row.get(1).replace("{blob}", BLOB).replace("{upload}", UPLOAD)
                    .replace("{mountable}", RunningRegistry.sha256(MOUNTABLE)).replace("{preview}", "0".repeat(64));
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

    private static String outcome(RunningRegistry registry, boolean tokens, String method, String row,
            String caller) {
        String path = row.contains("<") ? row.substring(0, row.indexOf('<')) : row;
        String bodyRepository = row.contains("<") ? row.substring(row.indexOf('<') + 1, row.indexOf('>')) : null;
        HttpRequest.Builder request = registry.request(path);
        String repository = bodyRepository != null ? bodyRepository : repositoryOf(path);
        if ("".equals(caller)) {
            // no credentials at all
        } else if (path.startsWith("/token")) {
            // the token endpoint takes the user's own credentials, in either mode
            if (caller != null) {
                request.header("Authorization", AuthFixture.basic(caller, AuthFixture.password(caller)));
            }
        } else if (tokens) {
            String scope = repository == null ? "registry:catalog:*"
                    : "repository:" + repository + ":pull,push,delete,validate";
            String mountScope = path.contains("mount=") ? "repository:team-b/app:pull" : scope;
            request.header("Authorization", "Bearer " + AuthFixture.token(registry, caller, scope, mountScope));
        } else if (caller != null) {
            request.header("Authorization", AuthFixture.basic(caller, AuthFixture.password(caller)));
        }
        if (method.equals("POST") && path.equals("/token")) {
            String form = caller == null || caller.isEmpty() ? "grant_type=password&service=huruhuru"
                    : "grant_type=password&service=huruhuru&username=" + caller + "&password="
                            + AuthFixture.password(caller);
            return Integer.toString(registry.send(request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode());
        }
        byte[] body = method.equals("PUT") || method.equals("PATCH") || method.equals("POST")
                ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (bodyRepository != null) {
            body = (path.startsWith("/sel4/v1/systems")
                    ? "services:\n  app:\n    image: " + bodyRepository + ":latest\n"
                    : "{\"image\":\"" + bodyRepository + ":latest\",\"platform\":\"qemu-arm-virt\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        request.header("Content-Type", path.startsWith("/sel4/v1/systems") ? "application/yaml"
                : "application/vnd.oci.image.manifest.v1+json");
        HttpResponse<byte[]> response = registry.send(request.method(method,
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        return Integer.toString(response.statusCode());
    }

    /** The blob that the mount row mounts, stored in team-b by the admin. */
    private static void pushMountable(RunningRegistry registry, boolean tokens) {
        String digest = RunningRegistry.sha256(MOUNTABLE);
        String authorization = tokens
                ? "Bearer " + AuthFixture.token(registry, "admin", "repository:team-b/app:pull,push")
                : AuthFixture.basic("admin", AuthFixture.password("admin"));
        HttpResponse<byte[]> pushed = registry.send(registry.request("/v2/team-b/app/blobs/uploads/?digest=" + digest)
                .header("Authorization", authorization).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MOUNTABLE)).build());
        assertEquals(201, pushed.statusCode(), "the mountable blob is stored");
    }

    private static String repositoryOf(String path) {
        if (path.startsWith("/sel4/v1/validations?repository=")) {
            return path.substring(path.indexOf('=') + 1, path.indexOf('&'));
        }
        if (path.startsWith("/sel4/v1/previews?repository=")) {
            return path.substring(path.indexOf('=') + 1);
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
