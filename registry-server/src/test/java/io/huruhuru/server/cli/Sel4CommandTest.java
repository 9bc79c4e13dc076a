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

    /** A static AArch64 PIE whose code (A64 words from 0x100) is followed by a message at 0x120. */
    private Path runnable(String name, int... code) throws Exception {
        ByteBuffer elf = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
        elf.putShort((short) 3).putShort((short) 183).putInt(1); // ET_DYN, EM_AARCH64, EV_CURRENT
        elf.putLong(0x100).putLong(64).putLong(0); // entry, program headers at 64, no sections
        elf.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1);
        elf.putShort((short) 64).putShort((short) 0).putShort((short) 0);
        elf.putInt(1).putInt(5); // PT_LOAD, R+X
        elf.putLong(0).putLong(0).putLong(0);
        elf.putLong(4096).putLong(4096).putLong(4096);
        elf.position(0x100);
        for (int word : code) {
            elf.putInt(word);
        }
        elf.position(0x120);
        elf.put("hi from seL4\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(dir.resolve(name + ".elf"), elf.array());
        return Files.writeString(dir.resolve(name + ".json"), "{\"name\":\"" + name + "\",\"elf\":\"" + name
                + ".elf\",\"heapPages\":4}");
    }

    // write(1, "hi from seL4\n", 13); exit_group(7)
    private static final int[] HELLO_THEN_SEVEN = {
        0xd2800020, // mov x0, #1
        0x100000e1, // adr x1, 0x120
        0xd28001a2, // mov x2, #13
        0xd2800808, // mov x8, #64 (write)
        0xd4000001, // svc #0
        0xd28000e0, // mov x0, #7
        0xd2800bc8, // mov x8, #94 (exit_group)
        0xd4000001, // svc #0
    };

    @Test
    void bootRunPrintsTheConsoleThenTheReportAndExitsThreeForANonZeroStatus() throws Exception {
        Path app = runnable("hi", HELLO_THEN_SEVEN);

        int exit = run("sel4", "boot", "--platform", "qemu-arm-virt", "--run", app.toString());

        String printed = out.toString();
        assertTrue(printed.startsWith("hi from seL4\n{"), printed);
        JsonNode report = new ObjectMapper().readTree(printed.substring(printed.indexOf('{')));
        assertEquals("exited", report.get("run").get("result").asText());
        assertEquals(7, report.get("run").get("exitStatus").asInt());
        assertEquals(3, exit, err.toString());
    }

    @Test
    void bootRunExitsZeroForACleanExit() throws Exception {
        int[] code = HELLO_THEN_SEVEN.clone();
        code[5] = 0xd2800000; // mov x0, #0
        Path app = runnable("clean", code);

        assertEquals(0, run("sel4", "boot", "--platform", "qemu-arm-virt", "--run", app.toString()), err.toString());
    }

    @Test
    void bootRunExitsFourWhenTheApplicationFaults() throws Exception {
        Path app = runnable("nullstore", 0xd2800001, 0xf9000020); // mov x1, #0; str x0, [x1]

        int exit = run("sel4", "boot", "--platform", "qemu-arm-virt", "--run", app.toString());

        JsonNode fault = new ObjectMapper().readTree(out.toString()).get("run").get("fault");
        assertEquals(4, exit, err.toString());
        assertEquals("vmFault", fault.get("kind").asText());
        assertEquals("0x0", fault.get("address").asText());
    }

    @Test
    void bootRunExitsFiveWhenTheBudgetIsSpent() throws Exception {
        Path app = runnable("spin", 0x14000000); // b .

        int exit = run("sel4", "boot", "--platform", "qemu-arm-virt", "--run", "--budget", "1000", app.toString());

        JsonNode run = new ObjectMapper().readTree(out.toString()).get("run");
        assertEquals(5, exit, err.toString());
        assertEquals("budgetExhausted", run.get("result").asText());
        assertEquals(1000, run.get("instructions").asLong());
    }

    @Test
    void bootRunServesFilesFromTheRootfsDirectory() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("foo.txt"), "hello_world test\n");
        // openat(AT_FDCWD, "/foo.txt", O_RDONLY); read(fd, sp - 64, 64); write(1, sp - 64, n); exit_group(0)
        Path app = runnable("cat",
                0x92800c60, // mov x0, #-100
                0x100000e1, // adr x1, 0x120 (the path, written below)
                0xd2800002, // mov x2, #0
                0xd2800708, // mov x8, #56 (openat)
                0xd4000001, // svc #0
                0xd10103e1, // sub x1, sp, #64
                0xd2800802, // mov x2, #64
                0x14000009); // b 0x140
        byte[] elf = Files.readAllBytes(dir.resolve("cat.elf"));
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        b.position(0x120);
        b.put("/foo.txt\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.position(0x140);
        for (int word : new int[] {
            0xd28007e8, // mov x8, #63 (read)
            0xd4000001, // svc #0
            0xaa0003e2, // mov x2, x0
            0xd2800020, // mov x0, #1
            0xd10103e1, // sub x1, sp, #64
            0xd2800808, // mov x8, #64 (write)
            0xd4000001, // svc #0
            0xd2800000, // mov x0, #0
            0xd2800bc8, // mov x8, #94 (exit_group)
            0xd4000001}) { // svc #0
            b.putInt(word);
        }
        Files.write(dir.resolve("cat.elf"), elf);

        int exit = run("sel4", "boot", "--platform", "qemu-arm-virt", "--run", "--rootfs", root.toString(),
                app.toString());

        assertEquals(0, exit, out.toString() + err);
        assertTrue(out.toString().startsWith("hello_world test\n{"), out.toString());
    }

    @Test
    void rootfsWithoutRunIsAUsageError() throws Exception {
        Path app = app("hello", 180, 190);

        int exit = run("sel4", "boot", "--platform", "qemu-arm-virt", "--rootfs", dir.toString(), app.toString());

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--rootfs needs --run"), err.toString());
    }
}
