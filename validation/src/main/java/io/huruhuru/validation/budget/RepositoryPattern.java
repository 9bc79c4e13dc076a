package io.huruhuru.validation.budget;

import io.huruhuru.oci.RepositoryName;
import java.util.regex.Pattern;

/**
 * A glob over repository names: {@code *} matches within one path component, {@code **} across components
 * ({@code kos/**} matches {@code kos/a} and {@code kos/a/b}), {@code ?} one character other than {@code /}.
 */
public record RepositoryPattern(String glob, Pattern regex) {

    public static RepositoryPattern compile(String glob) {
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("empty repository pattern");
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return new RepositoryPattern(glob, Pattern.compile(regex.toString()));
    }

    public boolean matches(RepositoryName repository) {
        return regex.matcher(repository.value()).matches();
    }
}
