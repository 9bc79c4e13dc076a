package io.huruhuru.sel4.rootserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.TestElf;
import io.huruhuru.sel4.report.BootReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A boot that runs out of memory says what does not fit and how much the board has, in words. */
class NotEnoughMemoryWordsTest {

    private static ApplicationDescription app(String name, int heapPages) {
        return app(name, heapPages, 0);
    }

    private static ApplicationDescription app(String name, int heapPages, int largeUntypeds) {
        return new ApplicationDescription(name, TestElf.helloLike(183), heapPages, largeUntypeds, 0, 100, 100,
                ApplicationDescription.DEFAULT_STACK_PAGES, List.of(), List.of("/" + name), List.of());
    }

    @Test
    void aHeapLargerThanTheFreeMemoryIsNamedWithItsSizeAndTheBoardsFreeMemory() throws Exception {
        BootReport r = Sel4Preview.boot(Sel4Preview.platform("qemu-arm-virt"), List.of(app("big", 300_000)));

        assertEquals("seL4_NotEnoughMemory", r.error().code());
        assertTrue(r.error().detail().startsWith("heap of 300,000 pages needs 1.14 GiB; qemu-arm-virt has 1.0 GiB "
                + "free after the kernel and root server (kernel: "), r.error().detail());
    }

    @Test
    void aLaterApplicationSaysTheOnesBeforeItTookPartOfTheMemory() throws Exception {
        BootReport r = Sel4Preview.boot(Sel4Preview.platform("qemu-arm-virt"),
                List.of(app("first", 32, 300), app("second", 32, 300)));

        assertEquals("second", r.error().application());
        assertTrue(r.error().detail().startsWith("300 untypeds of 2 MiB need 600.0 MiB; qemu-arm-virt has "),
                r.error().detail());
        assertTrue(r.error().detail().contains("free after the kernel and root server and the applications booted "
                + "before second"), r.error().detail());
    }
}
