package io.huruhuru.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reloaded value is taken only once it is in force; one that could not be put in force is tried again. */
class ReloadingTest {

    @TempDir
    Path dir;

    @Test
    void aValueThatCouldNotBePutInForceIsTriedAgainAtTheNextLook() throws Exception {
        Path file = Files.writeString(dir.resolve("value"), "one");
        AtomicInteger attempts = new AtomicInteger();
        Reloading<String> value = Reloading.loadApplied("value", List.of(file), () -> read(file),
                loaded -> attempts.incrementAndGet() == 1 ? Future.failedFuture("refused") : Future.succeededFuture());
        replace(file, "two");

        assertFalse(value.check(), "the refused value is not taken");
        assertEquals("one", value.current());
        assertTrue(value.check(), "tried again although the file did not change since");
        assertEquals("two", value.current());
        assertFalse(value.check(), "taken once in force: nothing more to do");
    }

    @Test
    void aFileThatDoesNotLoadIsNotReadAgainUntilItChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("value"), "one");
        AtomicInteger loads = new AtomicInteger();
        Reloading<String> value = Reloading.load("value", List.of(file), () -> {
            String text = read(file);
            loads.incrementAndGet();
            if (text.equals("broken")) {
                throw new IllegalArgumentException("broken");
            }
            return text;
        }, loaded -> { });
        replace(file, "broken");

        assertFalse(value.check());
        assertFalse(value.check());
        assertEquals(2, loads.get(), "the first load and the broken one");
        assertEquals("one", value.current());
    }

    private void replace(Path file, String text) throws Exception {
        Path replacement = Files.writeString(dir.resolve(file.getFileName() + ".new"), text);
        Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
