package io.huruhuru.sel4.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures as a browser draws them: Debian's headless chromium turns the SVG of a real report into a PNG,
 * which must show a picture (several colours, a good part of the page not white). Skipped when chromium is absent.
 */
class ChromiumRenderingTest {

    @TempDir
    Path dir;

    private static Optional<Path> chromium() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser"}) {
                if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, name))) {
                    return Optional.of(Path.of(entry, name));
                }
            }
        }
        return Optional.empty();
    }

    /** Renders the SVG with chromium and returns the screenshot, failing when chromium writes none. */
    private BufferedImage screenshot(String name, String svg) throws Exception {
        Optional<Path> browser = chromium();
        assumeTrue(browser.isPresent(), "chromium is not on PATH: install Debian's chromium to run this test");
        Path file = Files.writeString(dir.resolve(name + ".svg"), svg);
        Path png = dir.resolve(name + ".png");
        Process p = new ProcessBuilder(browser.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile-" + name),
                "--screenshot=" + png, "--window-size=1000,1400", file.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium did not finish within 180 s");
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(dir.resolve(name + ".log")));
        assertTrue(Files.size(png) > 0, "chromium wrote an empty PNG");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, "the PNG cannot be decoded");
        return image;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private void assertIsAPicture(String name, BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    nonWhite++;
                }
            }
        }
        double share = 100.0 * nonWhite / ((long) image.getWidth() * image.getHeight());
        System.out.printf(Locale.ROOT, "%s: PNG %dx%d, %d distinct colours, %.1f %% non-white%n", name,
                image.getWidth(), image.getHeight(), colours.size(), share);
        assertEquals(1000, image.getWidth());
        assertTrue(colours.size() > 5, "only " + colours.size() + " colours");
        assertTrue(share > 10, String.format(Locale.ROOT, "only %.1f %% of the picture is not white", share));
    }

    @Test
    void chromiumDrawsTheHelloAppsMemoryPicture() throws Exception {
        assertIsAPicture("hello-memory", screenshot("hello-memory", MemoryPicture.svg(PreviewReports.helloBoot())));
    }

    @Test
    void chromiumDrawsTheTalksComposeSystem() throws Exception {
        assertIsAPicture("compose-system", screenshot("compose-system",
                SystemPicture.svg(PreviewReports.talkSystem(dir))));
    }
}
