package io.huruhuru.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The runnable jar carries native libraries for the two platforms we ship for only: Linux x86_64 and aarch64. */
class RunnableJarTest {

    private static final Pattern NATIVE_LIBRARY = Pattern.compile(".*\\.(so|dll|dylib|jnilib|a)$");

    @Test
    void theJarHoldsRocksDbAndZstdNativeLibrariesForLinuxX8664AndAarch64Only() throws IOException {
        List<String> natives;
        try (ZipFile jar = new ZipFile(SourceTree.jar().toFile())) {
            natives = jar.stream().map(ZipEntry::getName).filter(name -> NATIVE_LIBRARY.matcher(name).matches())
                    .sorted().toList();
        }
        System.out.printf("[e2e] %s: %.1f MB, native libraries %s%n", SourceTree.jar().getFileName(),
                Files.size(SourceTree.jar()) / 1e6, natives);

        assertEquals(List.of("librocksdbjni-linux-aarch64.so", "librocksdbjni-linux64.so"),
                natives.stream().filter(name -> name.startsWith("librocksdbjni")).toList());
        assertEquals(List.of("linux/aarch64", "linux/amd64"), natives.stream().filter(name -> name.contains("zstd-jni"))
                .map(name -> name.substring(0, name.lastIndexOf('/'))).toList());
        assertEquals(4, natives.size(), natives.toString());
    }
}
