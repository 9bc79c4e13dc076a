package io.huruhuru.e2e.preview;

import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.CommandResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Debian's headless {@code chromium} drawing an SVG file to a PNG, and what the PNG shows. */
public final class HeadlessChromium {

    /** The root element's size in user units, when it gives one in pixels or plain numbers. */
    private static final Pattern SIZE = Pattern.compile(
            "<svg\\b[^>]*?\\bwidth=\"([0-9.]+)(?:px)?\"[^>]*?\\bheight=\"([0-9.]+)(?:px)?\"", Pattern.DOTALL);
    private static final int FALLBACK_WIDTH = 1400;
    private static final int FALLBACK_HEIGHT = 1000;
    /** A window larger than any picture the registry draws would only add white. */
    private static final int MAX_SIDE = 4000;

    private HeadlessChromium() {
    }

    /** What a rendered picture holds: its size, how many colours, how many pixels are not (near) white. */
    public record Rendering(Path png, long bytes, int width, int height, int colours, long nonWhitePixels) {

        public double nonWhiteShare() {
            return (double) nonWhitePixels / ((long) width * height);
        }
    }

    /** Renders {@code svg} at the size its root element gives and decodes the PNG with {@code javax.imageio}. */
    public static Rendering render(Path svg, Path png) {
        try {
            String text = Files.readString(svg);
            Matcher size = SIZE.matcher(text);
            int width = FALLBACK_WIDTH;
            int height = FALLBACK_HEIGHT;
            if (size.find()) {
                width = Math.min(MAX_SIDE, (int) Math.ceil(Double.parseDouble(size.group(1))));
                height = Math.min(MAX_SIDE, (int) Math.ceil(Double.parseDouble(size.group(2))));
            }
            Path profile = Files.createDirectories(png.resolveSibling("chromium-profile"));
            CommandResult run = Command.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + png,
                    "--window-size=" + width + "," + height, svg.toUri().toString())
                    .env("HOME", profile.toString()).timeout(Duration.ofSeconds(120)).run();
            if (!Files.isRegularFile(png)) {
                throw new AssertionError("chromium wrote no screenshot: " + run.describe());
            }
            BufferedImage image = ImageIO.read(png.toFile());
            if (image == null) {
                throw new AssertionError("javax.imageio cannot decode " + png);
            }
            return measure(png, image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Rendering measure(Path png, BufferedImage image) throws IOException {
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r < 240 || g < 240 || b < 240) {
                    nonWhite++;
                }
            }
        }
        return new Rendering(png, Files.size(png), image.getWidth(), image.getHeight(), colours.size(), nonWhite);
    }
}
