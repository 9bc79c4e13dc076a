package io.huruhuru.server.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The version and commit the running code was built from, as Maven filtered them into {@code build.properties}; a
 * value that is missing or was left unfiltered (a build outside git, an IDE's compile) reads as {@code unknown}.
 *
 * @param version the Maven project version
 * @param commit the abbreviated git commit
 */
public record BuildInfo(String version, String commit) {

    /** Plain values only: a value that is not one (an unfiltered {@code ${...}}, an error message) is not reported. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    public static final String UNKNOWN = "unknown";

    public BuildInfo {
        version = plain(version);
        commit = plain(commit);
    }

    /** The build of the running code. */
    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // a jar that cannot be read has bigger problems; the metric says "unknown"
        }
        return new BuildInfo(properties.getProperty("version"), properties.getProperty("commit"));
    }

    private static String plain(String value) {
        return value != null && VALUE.matcher(value.strip()).matches() ? value.strip() : UNKNOWN;
    }
}
