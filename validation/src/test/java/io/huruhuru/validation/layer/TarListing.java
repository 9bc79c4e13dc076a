package io.huruhuru.validation.layer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a reader saw in an archive: its entries in order and whether it refused the archive, from our
 * {@link TarReader} or from GNU {@code tar -tv}.
 */
record TarListing(List<Entry> entries, boolean refused, String why) {

    /**
     * One entry as {@code tar -tv} shows it.
     *
     * @param type the first letter of {@code tar -tv}'s mode column: {@code -} file, {@code d}, {@code l}, {@code h}
     *     hard link, {@code c}, {@code b}, {@code p}, {@code C} contiguous, {@code S} sparse, {@code ?} unknown
     * @param size the data size of a file; -1 for types whose size column is not a data size
     * @param link a link's target, else empty
     */
    record Entry(String name, char type, long size, String link) {
        @Override
        public String toString() {
            return type + " " + name + (size >= 0 ? " (" + size + ")" : "") + (link.isEmpty() ? "" : " -> " + link);
        }
    }

    /** Whether {@code other} saw the same: both accept with the same entries, or both refuse after the same ones. */
    boolean agreesWith(TarListing other) {
        if (refused != other.refused) {
            return false;
        }
        if (!refused) {
            return entries.equals(other.entries);
        }
        // GNU tar skips to the next valid header after an error and lists on; we stop: compare what both listed
        int common = Math.min(entries.size(), other.entries.size());
        return entries.subList(0, common).equals(other.entries.subList(0, common));
    }

    @Override
    public String toString() {
        return (refused ? "refused (" + why + ") after " : "accepted ") + entries;
    }

    /** Our reader's view, with the default limits. */
    static TarListing ours(byte[] archive) throws IOException {
        TarReader reader = new TarReader(new ByteArrayInputStream(archive), ReadLimits.DEFAULT);
        List<Entry> entries = new ArrayList<>();
        try {
            for (TarHeader h = reader.next(); h != null; h = reader.next()) {
                char type = letter(h.typeFlag());
                boolean link = type == 'l' || type == 'h';
                entries.add(new Entry(h.name(), type, hasDataSize(type) ? h.size() : -1, link ? h.linkName() : ""));
            }
            return new TarListing(entries, false, "");
        } catch (TarFormatException e) {
            return new TarListing(entries, true, e.violation().rule().id() + ": " + e.getMessage());
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "^(.)\\S{9} +\\d+/\\d+ +(\\S+) \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (.*)$");

    /** The first {@code tar} on the PATH if it is GNU tar (bsdtar lists otherwise). */
    static Optional<Path> findGnuTar() throws IOException, InterruptedException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path tar = Path.of(dir, "tar");
            if (!dir.isEmpty() && Files.isExecutable(tar)) {
                Process version = new ProcessBuilder(tar.toString(), "--version").redirectErrorStream(true).start();
                String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                version.waitFor(10, TimeUnit.SECONDS);
                return text.contains("GNU tar") ? Optional.of(tar) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** GNU tar's view: {@code tar --numeric-owner --full-time -tvf}; any exit code but 0 is a refusal. */
    static TarListing gnuTar(Path tar, byte[] archive, Path scratch) throws IOException, InterruptedException {
        Path file = Files.createTempFile(scratch, "case", ".tar");
        Files.write(file, archive);
        ProcessBuilder builder = new ProcessBuilder(tar.toString(), "--numeric-owner", "--full-time",
                "--quoting-style=literal", "-tvf", file.toString());
        builder.environment().put("TZ", "UTC");
        builder.environment().put("LC_ALL", "C");
        Path err = scratch.resolve(file.getFileName() + ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tar did not finish");
        }
        String stderr = Files.readString(err, StandardCharsets.ISO_8859_1).strip().replace('\n', ';');
        List<Entry> entries = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                entries.add(parse(line));
            }
        }
        return new TarListing(entries, process.exitValue() != 0, stderr);
    }

    private static Entry parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected tar -tv line: " + line);
        }
        char type = m.group(1).charAt(0);
        String rest = m.group(3);
        // tar -tv notes an unknown type after the name
        rest = type == '?' ? rest.replaceFirst(" unknown file type '.*'$", "") : rest;
        String link = "";
        String separator = type == 'l' ? " -> " : type == 'h' ? " link to " : null;
        if (separator != null && rest.contains(separator)) {
            link = rest.substring(rest.indexOf(separator) + separator.length());
            rest = rest.substring(0, rest.indexOf(separator));
        }
        return new Entry(rest, type, hasDataSize(type) ? Long.parseLong(m.group(2)) : -1, link);
    }

    /** Types whose size is that of data following the header; others' size fields are ignored by a layer reader. */
    private static boolean hasDataSize(char type) {
        return type == '-' || type == 'C' || type == '?';
    }

    private static char letter(char typeFlag) {
        return switch (typeFlag) {
            case '0', '\0' -> '-';
            case '1' -> 'h';
            case '2' -> 'l';
            case '3' -> 'c';
            case '4' -> 'b';
            case '5' -> 'd';
            case '6' -> 'p';
            case '7' -> 'C';
            case 'S' -> 'S';
            default -> '?';
        };
    }
}
