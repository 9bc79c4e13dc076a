package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A kept preview is read only by callers who may pull every repository it is of: its id alone opens nothing. Users
 * and rules as in {@link AuthFixture#RULES} (reader pulls team-a, other may only validate there).
 */
class PreviewAccessTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.BASIC,
                    AuthFixture.limits()));

    private HttpResponse<byte[]> as(String user, HttpRequest.Builder request) {
        if (user != null) {
            request.header("Authorization", AuthFixture.basic(user, AuthFixture.password(user)));
        }
        return registry.send(request.build());
    }

    @Test
    void aKeptPreviewAndSystemAreReadOnlyByCallersWhoMayPullTheirRepositories() {
        TestImage image = TestImage.hello();
        for (byte[] blob : image.blobs().values()) {
            as("admin", registry.request("/v2/team-a/app/blobs/uploads/?digest=" + RunningRegistry.sha256(blob))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(blob)));
        }
        assertEquals(201, as("admin", registry.request("/v2/team-a/app/manifests/1.0")
                .header("Content-Type", image.manifestMediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(image.manifestBytes()))).statusCode());
        HttpResponse<byte[]> created = as("reader", registry.request("/sel4/v1/previews")
                .POST(HttpRequest.BodyPublishers.ofString("{\"image\":\"team-a/app:1.0\",\"platform\":\"qemu-arm-virt\"}")));
        assertEquals(201, created.statusCode(), () -> RunningRegistry.text(created));
        HttpResponse<byte[]> system = as("reader", registry.request("/sel4/v1/systems?platform=qemu-arm-virt")
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString("services:\n  app:\n    image: team-a/app:1.0\n")));
        assertEquals(201, system.statusCode(), () -> RunningRegistry.text(system));

        for (HttpResponse<byte[]> kept : java.util.List.of(created, system)) {
            String kept0 = kept.headers().firstValue("Location").orElseThrow();
            String keptId = kept0.substring(kept0.lastIndexOf('/') + 1);
            String unknown0 = kept0.replace(keptId, "0".repeat(64));
            // the picture and the boot log follow the JSON form's rules
            for (String suffix : java.util.List.of("", "/memory.svg", "?format=text")) {
                String location = kept0 + suffix;
                assertEquals(200, as("reader", registry.request(location).GET()).statusCode(), location);
                assertEquals(200, as("admin", registry.request(location).GET()).statusCode(), location);
                // as if it were not kept: a refusal would tell them a preview of that id exists
                for (String outsider : new String[] {"other", null}) {
                    HttpResponse<byte[]> kept404 = as(outsider, registry.request(location).GET());
                    HttpResponse<byte[]> unknown404 = as(outsider, registry.request(unknown0 + suffix).GET());
                    assertEquals(404, kept404.statusCode(), () -> location + ": " + RunningRegistry.text(kept404));
                    assertEquals(RunningRegistry.text(unknown404).replace("0".repeat(64), ""),
                            RunningRegistry.text(kept404).replace(keptId, ""), location);
                }
            }
        }
        JsonNode listed = AuthFixture.json(as("reader", registry.request("/sel4/v1/previews?repository=team-a/app")
                .GET()));
        // the image's preview and the system's, which is of the same manifest
        assertEquals(2, listed.path("previews").size(), listed::toPrettyString);
        assertEquals(403, as("other", registry.request("/sel4/v1/previews?repository=team-a/app").GET())
                .statusCode());
    }

    private void pushAsAdmin(String repository, TestImage image) {
        for (byte[] blob : image.blobs().values()) {
            as("admin", registry.request("/v2/" + repository + "/blobs/uploads/?digest=" + RunningRegistry.sha256(blob))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(blob)));
        }
        assertEquals(201, as("admin", registry.request("/v2/" + repository + "/manifests/1.0")
                .header("Content-Type", image.manifestMediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(image.manifestBytes()))).statusCode());
    }

    private int listed(String user, String repository) {
        HttpResponse<byte[]> list = as(user, registry.request("/sel4/v1/previews?repository=" + repository).GET());
        assertEquals(200, list.statusCode(), () -> RunningRegistry.text(list));
        return AuthFixture.json(list).path("previews").size();
    }

    @Test
    void aSystemOfTwoRepositoriesIsListedOnlyToCallersWhoMayPullBoth() {
        pushAsAdmin("team-a/app", TestImage.hello());
        pushAsAdmin("team-b/app", TestImage.hello());
        HttpResponse<byte[]> system = as("admin", registry.request("/sel4/v1/systems?platform=qemu-arm-virt")
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(
                        "services:\n  a:\n    image: team-a/app:1.0\n  b:\n    image: team-b/app:1.0\n")));
        assertEquals(201, system.statusCode(), () -> RunningRegistry.text(system));

        assertEquals(1, listed("admin", "team-a/app"));
        assertEquals(1, listed("admin", "team-b/app"));
        assertEquals(0, listed("reader", "team-a/app"), "reader may not pull team-b");
        assertEquals(0, listed("other", "team-b/app"), "other may not pull team-a");
    }
}
