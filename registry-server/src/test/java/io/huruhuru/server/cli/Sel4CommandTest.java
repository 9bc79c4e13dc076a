package io.huruhuru.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class Sel4CommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new Huruhuru());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    /** A minimal static AArch64 PIE: an ELF64 header and one read-execute PT_LOAD of 8 KiB. */
    private Path elf() throws Exception {
        ByteBuffer elf = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
        elf.putShort((short) 3).putShort((short) 183).putInt(1); // ET_DYN, EM_AARCH64, EV_CURRENT
        elf.putLong(0x1000).putLong(64).putLong(0); // entry, program headers at 64, no sections
        elf.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1); // flags, ehsize, phentsize, phnum
        elf.putShort((short) 64).putShort((short) 0).putShort((short) 0);
        elf.putInt(1).putInt(5); // PT_LOAD, R+X
        elf.putLong(0).putLong(0).putLong(0); // offset, vaddr, paddr
        elf.putLong(4096).putLong(8192).putLong(4096); // filesz, memsz, align
        return Files.write(dir.resolve("hello.elf"), elf.array());
    }

    private Path app(String name, int priority, int maxPriority) throws Exception {
        elf();
        return Files.writeString(dir.resolve(name + ".json"), "{\"name\":\"" + name + "\",\"elf\":\"hello.elf\","
                + "\"heapPages\":2560,\"utLargePages\":4,\"ut4kPages\":24,\"priority\":" + priority + ","
                + "\"maxPriority\":" + maxPriority + ",\"publishes\":[\"hello_protocol\"],"
                + "\"args\":[\"/hello\",\"hello_world\",\"test\"],\"env\":[\"HELLO=WORLD\"]}");
    }

    @Test
    void platformsListsTheShippedBoards() {
        assertEquals(0, run("sel4", "platforms"));

        for (String name : new String[] {"qemu-arm-virt", "qemu-arm-virt-2g", "imx8mm-evk", "pc99"}) {
            assertTrue(out.toString().contains(name), out.toString());
        }
    }

    @Test
    void bootPrintsTheReportAndExitsZeroWhenBooted() throws Exception {
        Path app = app("hello", 180, 190);

        int exit = run("sel4", "boot", "--platform", "qemu-arm-virt", app.toString());

        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertEquals(0, exit, err.toString());
        assertEquals("booted", report.get("result").asText());
    }

    @Test
    void bootExitsOneWithTheSel4ErrorWhenPriorityExceedsMaxPriority() throws Exception {
        Path app = app("hello", 200, 190);

        int exit = run("sel4", "boot", "--platform", "qemu-arm-virt", app.toString());

        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertEquals(1, exit);
        assertEquals("failed", report.get("result").asText());
        assertEquals("seL4_RangeError", report.get("error").get("code").asText());
    }

    @Test
    void unreadableInputExitsTwo() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");

        assertEquals(2, run("sel4", "boot", "--platform", "qemu-arm-virt", broken.toString()));
        assertEquals(2, run("sel4", "boot", "--platform", "no-such-board", app("hello", 1, 1).toString()));
        assertTrue(err.toString().contains("huruhuru sel4 boot: "), err.toString());
    }

    private Path talkCompose() throws Exception {
        elf();
        Files.writeString(dir.resolve("server.json"), "{\"name\":\"server\",\"elf\":\"hello.elf\",\"heapPages\":16,"
                + "\"publishes\":[\"echo_protocol\"]}");
        Files.writeString(dir.resolve("client.json"), "{\"name\":\"client\",\"elf\":\"hello.elf\",\"heapPages\":16,"
                + "\"consumes\":[\"echo_protocol\"]}");
        return Files.writeString(dir.resolve("system.yaml"), """
                name: example compose
                services:
                  client:
                    image: client.json
                    command: ["client", "5050"]
                    depends_on: [server]
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
    }

    @Test
    void upPrintsTheSystemReportWithTheTeardownCheckAndExitsZero() throws Exception {
        Path system = talkCompose();

        int exit = run("sel4", "up", "--platform", "qemu-arm-virt", system.toString());

        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertEquals(0, exit, err.toString());
        assertEquals("booted", report.get("result").asText());
        assertEquals("example compose", report.get("system").get("name").asText());
        assertEquals("back-tier", report.get("system").get("routes").get(0).get("network").asText());
        assertTrue(report.get("system").get("teardown").get("returnedAllMemory").asBoolean());
    }

    @Test
    void upExitsOneWhenAConsumedProtocolHasNoPublisher() throws Exception {
        Path system = talkCompose();
        Files.writeString(system, Files.readString(system).replace("depends_on: [server]", "")
                .replaceAll("(?s)  server:.*?back-tier:\n(?=networks)", ""));

        int exit = run("sel4", "up", "--platform", "qemu-arm-virt", system.toString());

        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertEquals(1, exit, err.toString());
        assertEquals("messageServer_NoPublisher", report.get("error").get("code").asText());
    }

    @Test
    void upExitsTwoOnAnUnreadableSystemFile() throws Exception {
        Path system = talkCompose();
        Files.writeString(system, Files.readString(system).replace("[server]", "[database]"));

        assertEquals(2, run("sel4", "up", "--platform", "qemu-arm-virt", system.toString()));
        assertTrue(err.toString().contains("huruhuru sel4 up: "), err.toString());
        assertTrue(err.toString().contains("depends on 'database', which is not defined"), err.toString());
    }
}
