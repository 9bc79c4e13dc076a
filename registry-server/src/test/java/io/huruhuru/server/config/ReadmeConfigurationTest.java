package io.huruhuru.server.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's configuration section says what {@link ConfigKey} says, so a key cannot be added to one alone. */
class ReadmeConfigurationTest {

    private static final String SECTION = "## Configuration";
    private static final String TABLE_HEADER = "| config file key | environment variable | default | meaning |";
    private static final String EXAMPLE = "Example `huruhuru.yaml`:";

    @TempDir
    Path dir;

    @Test
    void readmeTableListsTheKeysOfTheCodeInItsOrder() throws IOException {
        List<String> documented = table().stream().map(Row::key).toList();

        assertEquals(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList(), documented);
    }

    @Test
    void readmeTableGivesEveryKeyItsEnvironmentVariable() throws IOException {
        Map<String, String> documented = documented(Row::environmentVariable);

        assertEquals(expected(documented, key -> "`" + key.environmentVariable() + "`"), documented);
    }

    @Test
    void readmeTableGivesEveryKeyItsDefault() throws IOException {
        Map<String, String> documented = documented(Row::defaultValue);

        assertEquals(expected(documented, key -> key.defaultValue().map(value -> "`" + value + "`").orElse("none")),
                documented);
    }

    @Test
    void readmeExampleConfigFileLoads() throws IOException {
        Path example = Files.writeString(dir.resolve("huruhuru.yaml"), exampleYaml());

        assertDoesNotThrow(() -> ConfigLoader.load(example, Map.of()));
    }

    private record Row(String key, String environmentVariable, String defaultValue) {
    }

    /** One cell of each row whose key the code has (a key only one side has is the first test's failure). */
    private static Map<String, String> documented(Function<Row, String> cell) throws IOException {
        return table().stream().filter(row -> ConfigKey.byKey(row.key()).isPresent())
                .collect(Collectors.toMap(Row::key, cell, (a, b) -> a, LinkedHashMap::new));
    }

    /** What the code says that cell of each documented key must be. */
    private static Map<String, String> expected(Map<String, String> documented, Function<ConfigKey, String> cell) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String key : documented.keySet()) {
            expected.put(key, cell.apply(ConfigKey.byKey(key).orElseThrow()));
        }
        return expected;
    }

    /** The rows of the table under the README's configuration heading, cells as written (backticks kept). */
    private static List<Row> table() throws IOException {
        List<String> lines = section();
        int header = lines.indexOf(TABLE_HEADER);
        assertFalse(header < 0, "no table headed '" + TABLE_HEADER + "' under " + SECTION);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.substring(1).split("(?<!\\\\)\\|");
            rows.add(new Row(cells[0].trim().replace("`", ""), cells[1].trim(), cells[2].trim()));
        }
        return rows;
    }

    /** The YAML block that follows the example's caption in the configuration section. */
    private static String exampleYaml() throws IOException {
        List<String> lines = section();
        int caption = lines.indexOf(EXAMPLE);
        assertFalse(caption < 0, "no '" + EXAMPLE + "' under " + SECTION);
        int opening = lines.subList(caption, lines.size()).indexOf("```yaml");
        assertFalse(opening < 0, "no yaml block after '" + EXAMPLE + "'");
        int start = caption + opening + 1;
        int end = start + lines.subList(start, lines.size()).indexOf("```");
        assertFalse(end < start, "the example's yaml block does not end");
        return String.join("\n", lines.subList(start, end)) + "\n";
    }

    /** The lines of the README's configuration section, up to the next heading of its level. */
    private static List<String> section() throws IOException {
        List<String> lines = Files.readAllLines(readme());
        int start = lines.indexOf(SECTION);
        assertFalse(start < 0, "the README has no '" + SECTION + "' heading");
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** The repository's README, found from the module directory that the build runs tests in. */
    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("registry-server"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    }
}
