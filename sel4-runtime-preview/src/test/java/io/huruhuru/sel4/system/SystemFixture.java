package io.huruhuru.sel4.system;

import io.huruhuru.sel4.app.Segment;
import io.huruhuru.sel4.app.TestElf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes compose files and the application descriptions (with a small AArch64 PIE) their services name. */
final class SystemFixture {

    private final Path dir;

    SystemFixture(Path dir) throws Exception {
        this.dir = dir;
        Files.write(dir.resolve("app.elf"), TestElf.bytes(3, 183, 0x100, List.of(
                new Segment(0, 0x4000, 0x4000, 0, Segment.PF_R | Segment.PF_X),
                new Segment(0x10000, 0x2000, 0x1000, 0x4000, Segment.PF_R | Segment.PF_W))));
    }

    /** An application description; extra is more JSON fields, e.g. "\"publishes\": [\"p\"]". */
    Path app(String file, String name, String extra) throws Exception {
        return Files.writeString(dir.resolve(file), "{\"name\": \"" + name + "\", \"elf\": \"app.elf\", \"heapPages\": 32,"
                + " \"priority\": 100, \"env\": [\"MODE=default\"]" + (extra.isEmpty() ? "" : ", " + extra) + "}");
    }

    Path compose(String yaml) throws Exception {
        return Files.writeString(dir.resolve("compose.yaml"), yaml);
    }

    /** The talk's client and server apps: the server publishes echo_protocol, the client consumes it. */
    void talkApps() throws Exception {
        app("server.json", "server", "\"publishes\": [\"echo_protocol\"]");
        app("client.json", "client", "\"consumes\": [\"echo_protocol\"]");
    }

    /** The talk's "STITCHING IT TOGETHER" compose file, with image naming the app descriptions. */
    static final String TALK = """
            name: example compose
            services:
              client:
                image: client.json
                command: ["client", "5050"]
                depends_on:
                  - server
                networks:
                  back-tier:
              server:
                image: server.json
                command: ["server", "5050"]
                networks:
                  back-tier:
            networks:
              back-tier:
                x-msg-server: "Poukai.msg0"
            """;
}
