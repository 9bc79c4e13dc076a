package io.huruhuru.sel4.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.UnreadableInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationFileTest {

    @TempDir
    Path dir;

    private void elfAt(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Files.write(p, TestElf.bytes(3, 183, 0x10, List.of(new Segment(0, 0x1000, 0x100, 0x1000, Segment.PF_R))));
    }

    @Test
    void readsTheIssueExampleWithTheElfRelativeToTheJsonFile() throws Exception {
        elfAt(dir.resolve("apps/hello.elf"));
        Path json = dir.resolve("apps/app.json");
        Files.writeString(json, """
                {"name": "hello", "elf": "hello.elf", "heapPages": 2560, "utLargePages": 4, "ut4kPages": 24,
                 "priority": 180, "maxPriority": 190, "stackPages": 4, "publishes": ["hello_protocol"],
                 "args": ["/hello", "hello_world", "test"], "env": ["HELLO=WORLD"]}""");
        ApplicationDescription app = Sel4Preview.readApplication(json);
        assertEquals(List.of(2560, 4, 24, 180, 190, 4), List.of(app.heapPages(), app.utLargePages(), app.ut4kPages(),
                app.priority(), app.maxPriority(), app.stackPages()));
        assertEquals(List.of("hello_protocol"), app.publishes());
        assertEquals(List.of("/hello", "hello_world", "test"), app.args());
        assertEquals(List.of("HELLO=WORLD"), app.env());
    }

    @Test
    void fieldsLeftOutTakeTheDocumentedDefaults() throws Exception {
        elfAt(dir.resolve("a.elf"));
        Path json = dir.resolve("a.json");
        Files.writeString(json, "{\"name\": \"a\", \"elf\": \"a.elf\", \"priority\": 50}");
        ApplicationDescription app = Sel4Preview.readApplication(json);
        assertEquals(256, app.heapPages());
        assertEquals(0, app.utLargePages());
        assertEquals(50, app.maxPriority());
        assertEquals(ApplicationDescription.DEFAULT_STACK_PAGES, app.stackPages());
        assertEquals(16, app.stackPages());
        assertEquals(List.of("/a"), app.args());
    }

    @Test
    void anUnknownFieldMakesTheFileUnreadable() throws Exception {
        elfAt(dir.resolve("a.elf"));
        Path json = dir.resolve("a.json");
        Files.writeString(json, "{\"name\": \"a\", \"elf\": \"a.elf\", \"heap_pages\": 5}");
        var e = assertThrows(UnreadableInputException.class, () -> Sel4Preview.readApplication(json));
        assertTrue(e.getMessage().contains("unknown field 'heap_pages'"), e.getMessage());
    }

    @Test
    void aMissingElfFileMakesTheDescriptionUnreadable() throws Exception {
        Path json = dir.resolve("a.json");
        Files.writeString(json, "{\"name\": \"a\", \"elf\": \"missing.elf\"}");
        assertThrows(UnreadableInputException.class, () -> Sel4Preview.readApplication(json));
    }

    @Test
    void malformedJsonIsUnreadable() throws Exception {
        Path json = dir.resolve("a.json");
        Files.writeString(json, "{\"name\": ");
        assertThrows(UnreadableInputException.class, () -> Sel4Preview.readApplication(json));
    }

    @Test
    void aMicrovmObjectMakesAGuestAndTheVmmElfMayBeLeftOut() throws Exception {
        Path json = dir.resolve("py.json");
        Files.writeString(json, """
                {"name": "py", "args": ["python3", "/app/main.py"], "consumes": ["hello_protocol"],
                 "microvm": {"ramMiB": 512, "ramBase": "0x80000000", "layers": ["l1", "l2", "l3"],
                             "interfaces": ["eth0"], "vsockPorts": [1000, 1001], "cwd": "/app"}}""");

        ApplicationDescription app = Sel4Preview.readApplication(json);

        MicroVm vm = app.microVm().orElseThrow();
        assertEquals(512L << 20, vm.ramBytes());
        assertEquals(0x80000000L, vm.ramBase());
        assertEquals(List.of("l1", "l2", "l3"), vm.layers());
        assertEquals(List.of(1000, 1001), vm.vsockPorts());
        assertEquals("/app", vm.cwd());
        assertEquals(MicroVm.defaultVmmImage(), app.elf());
        assertEquals(List.of("hello_protocol"), app.consumes());
    }

    @Test
    void anUnknownMicrovmFieldMakesTheFileUnreadable() throws Exception {
        Path json = dir.resolve("py.json");
        Files.writeString(json, "{\"name\": \"py\", \"microvm\": {\"ram\": 5}}");

        var e = assertThrows(UnreadableInputException.class, () -> Sel4Preview.readApplication(json));

        assertTrue(e.getMessage().contains("unknown field 'microvm.ram'"), e.getMessage());
    }

    @Test
    void anInterfaceNotNamedEthIsUnreadable() throws Exception {
        Path json = dir.resolve("py.json");
        Files.writeString(json, "{\"name\": \"py\", \"microvm\": {\"interfaces\": [\"wlan0\"]}}");

        var e = assertThrows(UnreadableInputException.class, () -> Sel4Preview.readApplication(json));

        assertTrue(e.getMessage().contains("network interface 'wlan0' is not named eth0, eth1, ..."), e.getMessage());
    }

    @Test
    void anUnknownPlatformIsUnreadableInput() {
        assertThrows(UnreadableInputException.class, () -> Sel4Preview.platform("raspberry-pi-9"));
    }
}
