package io.huruhuru.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.config.SecurityConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Users, groups and rules of the access-control tests, written to the registry's data directory, and helpers that
 * log in as one of them. Every user's password is its name followed by {@code -password}.
 */
final class AuthFixture {

    static final String RULES = """
            groups:
              admins: [admin]
              team-a-readers: [reader]
            rules:
              - repositories: ["**"]
                groups: [admins]
                actions: ["*"]
              - repositories: ["team-a/**"]
                users: [writer]
                actions: [pull, push, delete, validate]
              - repositories: ["team-a/**"]
                groups: [team-a-readers]
                actions: [pull]
              - repositories: ["team-b/**"]
                users: [other]
                actions: ["*"]
              - repositories: ["team-a/**"]
                users: [other]
                actions: [validate]
              - repositories: ["public/**"]
                users: [writer]
                actions: [pull, push]
                anonymousPull: true
            """;
    static final String[] USERS = {"reader", "writer", "admin", "other"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthFixture() {
    }

    static String password(String user) {
        return user + "-password";
    }

    /** htpasswd lines of bcrypt cost 4 (the lowest; the tests check logic, not cost). */
    static String htpasswd(String... users) {
        StringBuilder lines = new StringBuilder();
        SecureRandom random = new SecureRandom();
        for (String user : users) {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            lines.append(user).append(':')
                    .append(OpenBSDBCrypt.generate("2y", password(user).toCharArray(), salt, 4)).append('\n');
        }
        return lines.toString();
    }

    /** The default configuration with {@code mode}, the fixture's users and rules, and {@code limits}. */
    static RegistryConfig configure(RegistryConfig config, Path data, SecurityConfig.Mode mode,
            SecurityConfig.Limits limits) {
        return configure(config, data, mode, limits, RULES);
    }

    /** As {@link #configure(RegistryConfig, Path, SecurityConfig.Mode, SecurityConfig.Limits)} with other rules. */
    static RegistryConfig configure(RegistryConfig config, Path data, SecurityConfig.Mode mode,
            SecurityConfig.Limits limits, String rulesText) {
        try {
            Path users = Files.writeString(data.resolve("htpasswd"), htpasswd(USERS));
            Path rules = Files.writeString(data.resolve("rules.yaml"), rulesText);
            SecurityConfig security = config.security();
            SecurityConfig.Token token = security.auth().token();
            return config.withSecurity(security.withAuth(new SecurityConfig.Auth(mode, Optional.of(users),
                    Optional.of(rules), token)).withLimits(limits));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SecurityConfig.Limits limits() {
        return new SecurityConfig.Limits(10, Duration.ofMinutes(5), 0, 1 << 20, 0);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A token from the built-in endpoint for {@code user} (null: anonymous) and {@code scopes}. */
    static HttpResponse<byte[]> tokenResponse(RunningRegistry registry, String user, String... scopes) {
        String query = java.util.Arrays.stream(scopes)
                .map(scope -> "scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = registry.request("/token?service=huruhuru" + (query.isEmpty() ? "" : "&" + query));
        if (user != null) {
            request.header("Authorization", basic(user, password(user)));
        }
        return registry.send(request.GET().build());
    }

    static String token(RunningRegistry registry, String user, String... scopes) {
        HttpResponse<byte[]> response = tokenResponse(registry, user, scopes);
        if (response.statusCode() != 200) {
            throw new AssertionError("token refused: " + response.statusCode() + " " + RunningRegistry.text(response));
        }
        return json(response).get("token").asText();
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claims of a JWT, unchecked. */
    static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code WWW-Authenticate} parameters of a response, by name. */
    static Map<String, String> challenge(HttpResponse<?> response) {
        String header = response.headers().firstValue("WWW-Authenticate").orElseThrow(() ->
                new AssertionError("no WWW-Authenticate on " + response.statusCode()));
        Map<String, String> parameters = new LinkedHashMap<>();
        int space = header.indexOf(' ');
        parameters.put("scheme", header.substring(0, space));
        var matcher = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(header.substring(space + 1));
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        return parameters;
    }
}
