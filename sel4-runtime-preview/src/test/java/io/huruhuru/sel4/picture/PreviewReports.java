package io.huruhuru.sel4.picture;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.MicroVm;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.sel4.app.TestElf;
import io.huruhuru.sel4.boot.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Real reports from the model, as the registry stores them: the talk's hello app and its compose system. */
final class PreviewReports {

    private PreviewReports() {
    }

    static Platform qemu() throws Exception {
        return Sel4Preview.platform("qemu-arm-virt");
    }

    /** The talk's hello app: heap_pages 2560, ut_large_page 4, ut_4k_pages 24, priority 180, max 190. */
    static ApplicationDescription hello(String name, int heapPages) {
        return new ApplicationDescription(name, TestElf.helloLike(183), heapPages, 4, 24, 180, 190, 4,
                List.of("hello_protocol"), List.of("/hello", "hello_world", "test"), List.of("HELLO=WORLD"), List.of(),
                Optional.empty());
    }

    static byte[] helloBoot() throws Exception {
        return json(Sel4Preview.toJson(Sel4Preview.boot(qemu(), List.of(hello("hello", 2560)))));
    }

    /** hello boots, then a second app whose heap of 300,000 pages cannot fit the board's 1 GiB. */
    static byte[] failedBoot() throws Exception {
        return json(Sel4Preview.toJson(Sel4Preview.boot(qemu(),
                List.of(hello("hello", 2560), hello("big", 300_000)))));
    }

    /** The talk's Python application as a microVM: three read-only layers, eth0, vsock ports 1000 and 1001. */
    static byte[] pythonMicroVm() throws Exception {
        MicroVm vm = new MicroVm(256 * MicroVm.MIB, MicroVm.DEFAULT_RAM_BASE, MicroVm.DEFAULT_KERNEL_BYTES,
                MicroVm.DEFAULT_DTB_BYTES, MicroVm.DEFAULT_INITRD_BYTES,
                List.of("sha256:30a76a4a", "sha256:3e608000", "sha256:5b5387c8"), List.of("eth0"), List.of(1000, 1001),
                "/app");
        ApplicationDescription python = new ApplicationDescription("python", MicroVm.defaultVmmImage(), 256, 0, 0,
                120, 120, 4, List.of(), List.of("python3", "/app/main.py"), List.of("PATH=/usr/bin:/bin"))
                .withMicroVm(vm);
        return json(Sel4Preview.toJson(Sel4Preview.boot(qemu(), List.of(python))));
    }

    /** The talk's driver container: node-red, privileged, drives /dev/i2c-1 on rpi4b-4g. */
    static byte[] driverSystem(Path dir) throws Exception {
        Files.write(dir.resolve("app.elf"), TestElf.bytes(3, 183, 0x100, List.of(
                new Segment(0, 0x4000, 0x4000, 0, Segment.PF_R | Segment.PF_X),
                new Segment(0x10000, 0x2000, 0x1000, 0x4000, Segment.PF_R | Segment.PF_W))));
        Files.writeString(dir.resolve("node-red.json"), "{\"name\": \"node-red\", \"elf\": \"app.elf\","
                + " \"heapPages\": 32, \"priority\": 100}");
        Path yaml = Files.writeString(dir.resolve("devices.yaml"), """
                name: devices-compose
                services:
                  node-red:
                    image: node-red.json
                    privileged: true
                    devices:
                      - "/dev/i2c-1:/dev/i2c-1"
                """);
        return json(Sel4Preview.toJson(Sel4Preview.upAndDown(Sel4Preview.platform("rpi4b-4g"),
                Sel4Preview.readSystem(yaml))));
    }

    /** The talk's "STITCHING IT TOGETHER" compose system, booted and torn down. */
    static byte[] talkSystem(Path dir) throws Exception {
        Files.write(dir.resolve("app.elf"), TestElf.bytes(3, 183, 0x100, List.of(
                new Segment(0, 0x4000, 0x4000, 0, Segment.PF_R | Segment.PF_X),
                new Segment(0x10000, 0x2000, 0x1000, 0x4000, Segment.PF_R | Segment.PF_W))));
        Files.writeString(dir.resolve("server.json"), "{\"name\": \"server\", \"elf\": \"app.elf\", \"heapPages\": 32,"
                + " \"priority\": 100, \"publishes\": [\"echo_protocol\"]}");
        Files.writeString(dir.resolve("client.json"), "{\"name\": \"client\", \"elf\": \"app.elf\", \"heapPages\": 32,"
                + " \"priority\": 100, \"consumes\": [\"echo_protocol\"]}");
        Path yaml = Files.writeString(dir.resolve("compose.yaml"), """
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
                """);
        return json(Sel4Preview.toJson(Sel4Preview.upAndDown(qemu(), Sel4Preview.readSystem(yaml))));
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
