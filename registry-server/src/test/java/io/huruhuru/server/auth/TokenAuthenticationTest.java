package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import io.huruhuru.signature.key.KeyFiles;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Docker token authentication as clients meet it: challenge, token endpoint (GET and POST), refusals. */
class TokenAuthenticationTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.TOKEN, AuthFixture.limits()));

    @Test
    void baseEndpointWithoutCredentialsChallengesToTheTokenEndpoint() {
        HttpResponse<byte[]> response = registry.get("/v2/");

        assertEquals(401, response.statusCode());
        assertEquals(Map.of("scheme", "Bearer", "realm", "http://127.0.0.1:" + registry.port() + "/token",
                "service", "huruhuru"), AuthFixture.challenge(response));
        OciErrors.assertError(response, 401, "UNAUTHORIZED");
    }

    @Test
    void theDefaultRealmIsTheAddressTheConnectionReachedNotTheHostHeader() throws Exception {
        byte[] request = "GET /v2/ HTTP/1.1\r\nHost: evil.example\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

        io.huruhuru.server.hostile.RawHttp.Answer answer = io.huruhuru.server.hostile.RawHttp.exchange(registry.port(),
                request, 5_000, false);

        assertEquals(401, answer.status());
        assertTrue(answer.head().contains("realm=\"http://127.0.0.1:" + registry.port() + "/token\""), answer.head());
        assertFalse(answer.head().contains("evil.example"), answer.head());
    }

    @Test
    void aRepositoryRequestWithoutCredentialsChallengesWithItsScope() {
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/team-a/app/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals("repository:team-a/app:pull,push", AuthFixture.challenge(response).get("scope"));
    }

    @Test
    void theTokenEndpointGrantsOfEachScopeWhatTheRulesAllowAndLeavesOutScopesItGrantsNothingOf() {
        String token = AuthFixture.token(registry, "reader", "repository:team-a/app:pull,push",
                "repository:team-b/app:pull");

        JsonNode claims = AuthFixture.claims(token);

        assertEquals("reader", claims.get("sub").asText());
        assertEquals("huruhuru", claims.get("aud").asText());
        assertEquals("[{\"type\":\"repository\",\"name\":\"team-a/app\",\"actions\":[\"pull\"]}]",
                claims.get("access").toString());
    }

    @Test
    void aTokenRequestForMoreScopesThanTheLimitIsRefusedWithAnOciError() {
        String[] scopes = new String[TokenEndpoint.MAX_SCOPES + 1];
        for (int i = 0; i < scopes.length; i++) {
            scopes[i] = "repository:team-a/app-" + i + ":pull";
        }

        HttpResponse<byte[]> get = AuthFixture.tokenResponse(registry, "reader", scopes);
        HttpResponse<byte[]> form = post("grant_type=password&username=reader&password=reader-password&scope="
                + String.join("%20", scopes));

        OciErrors.assertError(get, 400, "REQUEST_INVALID");
        OciErrors.assertError(form, 400, "REQUEST_INVALID");
    }

    @Test
    void aTokenRequestForAsManyScopesAsTheLimitIsGranted() {
        String[] scopes = new String[TokenEndpoint.MAX_SCOPES];
        for (int i = 0; i < scopes.length; i++) {
            scopes[i] = "repository:team-a/app-" + i + ":pull";
        }

        assertEquals(TokenEndpoint.MAX_SCOPES, AuthFixture.claims(AuthFixture.token(registry, "reader", scopes))
                .get("access").size());
    }

    @Test
    void aTokenFormWithAFieldOverTheLimitIsRefusedWithAnOciError() {
        HttpResponse<byte[]> response = post("grant_type=password&username=reader&password=" + "x".repeat(9000));

        OciErrors.assertError(response, 400, "REQUEST_INVALID");
    }

    @Test
    void aTokenFormWithTooManyFieldsIsRefusedWithAnOciError() {
        StringBuilder form = new StringBuilder("grant_type=password&username=reader&password=reader-password");
        for (int i = 0; i < 300; i++) {
            form.append("&f").append(i).append("=1");
        }

        OciErrors.assertError(post(form.toString()), 400, "REQUEST_INVALID");
    }

    @Test
    void theTokensKidIsTheKeyOfTheJwks() throws Exception {
        String token = AuthFixture.token(registry, "reader");
        String kid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.util.Base64.getUrlDecoder()
                .decode(token.split("\\.")[0])).get("kid").asText();

        JsonNode jwks = AuthFixture.json(registry.get("/token/jwks"));

        assertEquals(kid, jwks.get("keys").get(0).get("kid").asText());
        assertEquals(kid, KeyFiles.parseJwks(jwks.toString().getBytes(StandardCharsets.UTF_8)).get(0).id().value());
    }

    @Test
    void anAnonymousTokenGrantsOnlyAnonymousPull() {
        String token = AuthFixture.token(registry, null, "repository:public/app:pull,push",
                "repository:team-a/app:pull");

        assertEquals("[{\"type\":\"repository\",\"name\":\"public/app\",\"actions\":[\"pull\"]}]",
                AuthFixture.claims(token).get("access").toString());
    }

    @Test
    void thePasswordGrantAndItsRefreshTokenIssueTokensAsContainerdAsks() {
        HttpResponse<byte[]> first = post("grant_type=password&username=writer&password=writer-password"
                + "&service=huruhuru&client_id=containerd&access_type=offline&scope=repository%3Ateam-a%2Fapp%3Apush");
        String refresh = AuthFixture.json(first).get("refresh_token").asText();

        HttpResponse<byte[]> second = post("grant_type=refresh_token&refresh_token=" + refresh
                + "&service=huruhuru&client_id=containerd&scope=repository%3Ateam-a%2Fapp%3Apull");

        assertEquals(200, second.statusCode(), RunningRegistry.text(second));
        JsonNode claims = AuthFixture.claims(AuthFixture.json(second).get("access_token").asText());
        assertEquals("writer", claims.get("sub").asText());
        assertEquals("pull", claims.get("access").get(0).get("actions").get(0).asText());
    }

    @Test
    void aRefreshTokenIsRefusedOnceTheUsersPasswordChanged() throws Exception {
        String refresh = AuthFixture.json(post("grant_type=password&username=writer&password=writer-password"
                + "&client_id=t&access_type=offline")).get("refresh_token").asText();
        String others = AuthFixture.htpasswd("reader", "admin", "other");
        Files.writeString(registry.dataDirectory().resolve("htpasswd"), others + "writer:"
                + org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2y", "changed".toCharArray(),
                        new byte[16], 4) + "\n");
        assertTrue(eventually(() -> post("grant_type=password&username=writer&password=changed").statusCode() == 200));

        HttpResponse<byte[]> response = post("grant_type=refresh_token&refresh_token=" + refresh);

        OciErrors.assertError(response, 401, "UNAUTHORIZED");
        assertTrue(RunningRegistry.text(response).contains("password changed"), RunningRegistry.text(response));
    }

    @Test
    void aRefreshTokenOutlivesAReloadThatLeavesThePasswordAsItWas() throws Exception {
        String refresh = AuthFixture.json(post("grant_type=password&username=writer&password=writer-password"
                + "&client_id=t&access_type=offline")).get("refresh_token").asText();
        String file = Files.readString(registry.dataDirectory().resolve("htpasswd"));
        Files.writeString(registry.dataDirectory().resolve("htpasswd"), file + "newcomer:"
                + org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2y", "n".toCharArray(), new byte[16], 4)
                + "\n");
        assertTrue(eventually(() -> post("grant_type=password&username=newcomer&password=n").statusCode() == 200));

        assertEquals(200, post("grant_type=refresh_token&refresh_token=" + refresh).statusCode());
    }

    @Test
    void aRefreshTokenIsRefusedAsABearerToken() {
        String refresh = AuthFixture.json(post("grant_type=password&username=writer&password=writer-password"
                + "&client_id=t&access_type=offline")).get("refresh_token").asText();

        HttpResponse<byte[]> response = bearer("/v2/", refresh);

        assertEquals(401, response.statusCode());
        assertEquals("invalid_token", AuthFixture.challenge(response).get("error"));
    }

    @Test
    void aPasswordGrantWithAWrongPasswordIsUnauthorized() {
        HttpResponse<byte[]> response = post("grant_type=password&username=writer&password=nope&client_id=t");

        assertEquals(401, response.statusCode());
    }

    @Test
    void aTokenFormLargerThanTheBodyLimitIsTooLarge() {
        HttpResponse<byte[]> response = post("grant_type=password&username=writer&password=" + "x".repeat(2 << 20));

        assertEquals(413, response.statusCode());
    }

    @Test
    void aTamperedTokenIsUnauthorizedWithInvalidToken() {
        String token = AuthFixture.token(registry, "admin", "repository:team-a/app:pull");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        HttpResponse<byte[]> response = bearer("/v2/team-a/app/tags/list", tampered);

        assertEquals(401, response.statusCode());
        assertEquals("invalid_token", AuthFixture.challenge(response).get("error"));
        OciErrors.assertError(response, 401, "UNAUTHORIZED");
    }

    @Test
    void anOversizedBearerTokenIsRefusedWithoutAServerError() {
        HttpResponse<byte[]> justUnderTheHeaderLimit = bearer("/v2/", "e".repeat(7_000));
        HttpResponse<byte[]> overTheHeaderLimit = bearer("/v2/", "e".repeat(20_000));

        assertEquals("invalid_token", AuthFixture.challenge(justUnderTheHeaderLimit).get("error"));
        assertEquals(431, overTheHeaderLimit.statusCode());
    }

    @Test
    void aTokenWithoutTheScopeOfAnActionTheRulesAllowAsksForMoreScope() {
        String token = AuthFixture.token(registry, "writer", "repository:team-a/app:pull");

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/team-a/app/blobs/uploads/")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(401, response.statusCode());
        assertEquals("insufficient_scope", AuthFixture.challenge(response).get("error"));
        assertEquals("repository:team-a/app:pull,push", AuthFixture.challenge(response).get("scope"));
    }

    @Test
    void aReadersPushIsDenied() {
        String token = AuthFixture.token(registry, "reader", "repository:team-a/app:pull,push");

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/team-a/app/blobs/uploads/")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());

        OciErrors.assertError(response, 403, "DENIED");
    }

    @Test
    void theCatalogListsOnlyWhatTheCallerMayPull() {
        String admin = AuthFixture.token(registry, "admin", "repository:team-a/app:push",
                "repository:team-b/app:push", "repository:public/app:push");
        for (String repository : new String[] {"team-a/app", "team-b/app", "public/app"}) {
            pushBlob(admin, repository);
        }
        String reader = AuthFixture.token(registry, "reader", "registry:catalog:*");

        HttpResponse<byte[]> response = bearer("/v2/_catalog?n=1", reader);
        HttpResponse<byte[]> all = bearer("/v2/_catalog", reader);

        assertEquals("{\"repositories\":[\"public/app\"]}", RunningRegistry.text(response));
        assertTrue(response.headers().firstValue("Link").orElseThrow().contains("last=public%2Fapp")
                || response.headers().firstValue("Link").orElseThrow().contains("last=public/app"));
        assertEquals("{\"repositories\":[\"public/app\",\"team-a/app\"]}", RunningRegistry.text(all));
    }

    @Test
    void aMountFromARepositoryTheCallerMayNotPullBecomesAnOrdinaryUpload() {
        String admin = AuthFixture.token(registry, "admin", "repository:team-b/app:push");
        String digest = pushBlob(admin, "team-b/app");
        String writer = AuthFixture.token(registry, "writer", "repository:team-a/app:push",
                "repository:team-b/app:pull");

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/team-a/app/blobs/uploads/?mount="
                + digest + "&from=team-b/app").header("Authorization", "Bearer " + writer)
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(202, response.statusCode());
    }

    @Test
    void aMountFromARepositoryTheCallerMayPullLinksTheBlob() {
        String admin = AuthFixture.token(registry, "admin", "repository:team-a/app:push",
                "repository:team-a/app:pull", "repository:team-a/copy:push");
        String digest = pushBlob(admin, "team-a/app");
        String writer = AuthFixture.token(registry, "writer", "repository:team-a/copy:push",
                "repository:team-a/app:pull");

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/team-a/copy/blobs/uploads/?mount="
                + digest + "&from=team-a/app").header("Authorization", "Bearer " + writer)
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(201, response.statusCode());
    }

    @Test
    void aChangedRulesFileIsInForceWithinSeconds() throws Exception {
        String before = AuthFixture.token(registry, "other", "repository:team-a/app:pull");
        assertEquals("[]", AuthFixture.claims(before).get("access").toString());

        Files.writeString(registry.dataDirectory().resolve("rules.yaml"),
                "rules: [{repositories: [\"team-a/**\"], users: [other], actions: [pull]}]\n");

        assertTrue(eventually(() -> AuthFixture.claims(AuthFixture.token(registry, "other",
                "repository:team-a/app:pull")).get("access").toString().contains("[\"pull\"]")));
    }

    @Test
    void aChangedHtpasswdFileIsInForceWithinSeconds() throws Exception {
        Files.writeString(registry.dataDirectory().resolve("htpasswd"), AuthFixture.htpasswd("newcomer"));

        assertTrue(eventually(() -> AuthFixture.tokenResponse(registry, "newcomer").statusCode() == 200));
        assertEquals(401, AuthFixture.tokenResponse(registry, "reader").statusCode());
    }

    @Test
    void aBrokenRulesFileKeepsThePreviousRules() throws Exception {
        Files.writeString(registry.dataDirectory().resolve("rules.yaml"), "rules: [{repositories: [a], oops: 1}]\n");
        Thread.sleep(io.huruhuru.server.reload.Reloading.EVERY.toMillis() * 2);

        String token = AuthFixture.token(registry, "reader", "repository:team-a/app:pull");

        assertEquals("[\"pull\"]", AuthFixture.claims(token).get("access").get(0).get("actions").toString());
    }

    private String pushBlob(String token, String repository) {
        byte[] content = ("blob of " + repository).getBytes(StandardCharsets.UTF_8);
        String digest = RunningRegistry.sha256(content);
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/" + repository + "/blobs/uploads/?digest="
                + digest).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        assertEquals(201, response.statusCode(), RunningRegistry.text(response));
        return digest;
    }

    private HttpResponse<byte[]> bearer(String path, String token) {
        return registry.send(registry.request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpResponse<byte[]> post(String form) {
        return registry.send(registry.request("/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
