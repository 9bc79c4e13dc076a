package io.huruhuru.validation;

import static io.huruhuru.validation.fixture.Expect.exactly;
import static io.huruhuru.validation.fixture.Expect.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Digest;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.sel4.app.Elf;
import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.MemorySource;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.ReadLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageValidatorTest {

    private static final RepositoryName KOS_HELLO = RepositoryName.parse("kos/hello");

    private final ImageValidator validator = new ImageValidator();

    private ValidationReport validate(TestImage image) throws Exception {
        return validator.validate(image.source(), Policy.NONE, KOS_HELLO);
    }

    private ImageReport only(ValidationReport report) {
        assertEquals(1, report.images().size());
        return report.images().get(0);
    }

    @Test
    void helloImagePassesWithFactsForTheBootPreview() throws Exception {
        ValidationReport report = validate(TestImage.hello());

        assertTrue(report.passed(), report.allViolations()::toString);
        assertTrue(report.koskit());
        assertFalse(report.rejects());
        ImageFacts facts = only(report).facts().orElseThrow();
        ElfHeaders elf = facts.elf().orElseThrow();
        assertEquals(Elf.EM_AARCH64, elf.machine());
        assertEquals(0x1000, elf.entry());
        assertEquals(2, elf.loadSegments().size());
        assertEquals("/bin/hello", facts.binary().orElseThrow());
        // 2560 heap pages + 4 * 2 MiB + 24 pages + 5 segment pages + 16 stack pages + 1 IPC buffer page
        assertEquals(2560L * 4096 + 4L * 2 * 1024 * 1024 + 24 * 4096 + 5 * 4096 + 16 * 4096 + 4096,
                facts.memory().orElseThrow().totalBytes());
        assertEquals(Digest.parse(TestImage.helloLayer().gzipLayer().diffId()),
                facts.layers().get(0).diffId().orElseThrow());
    }

    @Test
    void imageWithoutKoskitLabelsIsNotChecked() throws Exception {
        MemorySource source = TestImage.plain().source();

        ValidationReport report = validator.validate(source, Policy.NONE, RepositoryName.parse("library/busybox"));

        assertFalse(report.koskit());
        assertFalse(only(report).koskit());
        assertTrue(report.allViolations().isEmpty());
        assertEquals(0, source.layerReads());
    }

    @Test
    void binaryMissingFromRootfs() throws Exception {
        TestImage image = TestImage.hello().label("com.koskit.app.binary.loopback", "/bin/absent")
                .label("com.koskit.app.binary.loopback", "/bin/absent");

        ImageReport r = only(validate(image));

        exactly(r.violations(),
                v(RuleId.ROOTFS_BINARY_MISSING, "/bin/absent", "a regular executable file", "(absent)"),
                v(RuleId.SPEC_MISMATCH, "com.koskit.app.binary.loopback", "/bin/absent", "/bin/hello"));
    }

    @Test
    void binaryWithoutExecuteBit() throws Exception {
        TestImage image = TestImage.hello().layers(TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().build(), 0644)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());

        exactly(only(validate(image)).violations(),
                v(RuleId.ROOTFS_BINARY_NOT_EXECUTABLE, "/bin/hello", "an execute bit (mode & 0111)", "0644"));
    }

    @Test
    void binaryThatIsADirectory() throws Exception {
        TestImage image = TestImage.hello().layers(TarBuilder.tar().dir("bin/hello")
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());

        exactly(only(validate(image)).violations(),
                v(RuleId.ROOTFS_BINARY_NOT_REGULAR, "/bin/hello", "a regular file", "directory"));
    }

    @Test
    void binaryReachedThroughSymlinksIsInspected() throws Exception {
        TestImage image = TestImage.hello().layers(TarBuilder.tar()
                .file("opt/app/hello", ElfBuilder.staticPie().build(), 0755)
                .symlink("bin", "opt/app")
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());

        ImageReport r = only(validate(image));

        assertTrue(r.passed(), r.violations()::toString);
        assertTrue(r.facts().orElseThrow().elf().isPresent());
    }

    @Test
    void entrypointStandsInForTheBinaryLabelAndIsFoundInPath() throws Exception {
        TestImage image = TestImage.hello().withoutLabel("com.koskit.app.binary.loopback").entrypoint("hello");

        ImageReport r = only(validate(image));

        // the spec file says /bin/hello; the ENTRYPOINT says "hello", found as /bin/hello through PATH
        exactly(r.violations(), v(RuleId.SPEC_MISMATCH, "com.koskit.app.binary.loopback", "hello", "/bin/hello"));
        assertEquals("/bin/hello", r.facts().orElseThrow().binary().orElseThrow());
    }

    @Test
    void noBinaryLabelAndNoEntrypoint() throws Exception {
        TestImage image = TestImage.hello().withoutLabel("com.koskit.app.binary.loopback");

        exactly(only(validate(image)).violations(),
                v(RuleId.LABEL_REQUIRED, "com.koskit.app.binary.loopback", "a binary label or an ENTRYPOINT",
                        "(absent)"));
    }

    @Test
    void specFileMissing() throws Exception {
        TestImage image = TestImage.hello().layers(TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().build(), 0755).gzipLayer());

        exactly(only(validate(image)).violations(),
                v(RuleId.ROOTFS_SPEC_MISSING, "/share.spec.json", "a JSON file", "(absent)"));
    }

    @Test
    void specFileThatIsAFifo() throws Exception {
        TestImage image = TestImage.hello().layers(TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().build(), 0755).fifo("share.spec.json").gzipLayer());

        exactly(only(validate(image)).violations(),
                v(RuleId.ROOTFS_SPEC_NOT_REGULAR, "/share.spec.json", "a regular file", "fifo"));
    }

    @Test
    void specFileTooLarge() throws Exception {
        ReadLimits small = new ReadLimits(1 << 30, 1000, 1 << 20, 4096, 64 << 10, 64);
        TestImage image = TestImage.hello();

        ValidationReport report = new ImageValidator(small, LayerFactsCache.NONE)
                .validate(image.source(), Policy.NONE, KOS_HELLO);

        exactly(only(report).violations(),
                v(RuleId.ROOTFS_SPEC_TOO_LARGE, "/share.spec.json", "at most 64 bytes",
                        TestImage.SPEC_JSON.length() + " bytes"));
    }

    @Test
    void specFileDisagreeingWithLabelsNamesBothValues() throws Exception {
        TestImage image = TestImage.hello().layers(TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().build(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON.replace("2560", "4096")).gzipLayer());

        exactly(only(validate(image)).violations(),
                v(RuleId.SPEC_MISMATCH, "com.koskit.app.spec.heap_pages", "2560", "4096"));
    }

    @Test
    void specFileFromALowerLayerIsReadWhenTheUpperLayerDoesNotReplaceIt() throws Exception {
        TestImage image = TestImage.hello().layers(
                TarBuilder.tar().file("share.spec.json", TestImage.SPEC_JSON).gzipLayer(),
                TarBuilder.tar().file("bin/hello", ElfBuilder.staticPie().build(), 0755).zstdLayer());

        ImageReport r = only(validate(image));

        assertTrue(r.passed(), r.violations()::toString);
        assertEquals("zstd", r.facts().orElseThrow().layers().get(1).compression());
    }

    @Test
    void specFileWhitedOutByAnUpperLayerIsMissing() throws Exception {
        TestImage image = TestImage.hello().addLayer(TarBuilder.tar().file(".wh.share.spec.json", "").gzipLayer());

        exactly(only(validate(image)).violations(),
                v(RuleId.ROOTFS_SPEC_MISSING, "/share.spec.json", "a JSON file", "(absent)"));
    }

    @Test
    void specFileBehindASymlinkIsReadFromTheLinkTarget() throws Exception {
        TestImage image = TestImage.hello().layers(TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().build(), 0755)
                .file("etc/koskit/hello.json", TestImage.SPEC_JSON)
                .symlink("share.spec.json", "/etc/koskit/hello.json").gzipLayer());
        MemorySource source = image.source();

        ValidationReport report = validator.validate(source, Policy.NONE, KOS_HELLO);

        assertTrue(report.passed(), report.allViolations()::toString);
        assertEquals(2, source.layerReads(), "the layer is read again to capture the link target");
    }

    @Test
    void binaryOfAnotherMachineThanTheArchitecture() throws Exception {
        TestImage image = TestImage.hello().architecture("amd64");

        exactly(only(validate(image)).violations(),
                v(RuleId.ELF_MACHINE, "/bin/hello", "EM_X86_64", "EM_AARCH64"));
    }

    @Test
    void unsupportedArchitecture() throws Exception {
        TestImage image = TestImage.hello().architecture("riscv64");

        exactly(only(validate(image)).violations(),
                v(RuleId.CONFIG_ARCHITECTURE, "architecture", "arm64 or amd64", "riscv64"));
    }

    @Test
    void dynamicallyLinkedBinary() throws Exception {
        byte[] elf = ElfBuilder.staticPie().add(new ElfBuilder.Phdr(ElfBuilder.PT_INTERP, 4, 0x200, 0x200, 27, 27, 1))
                .build();
        TestImage image = TestImage.hello().layers(TarBuilder.tar().file("bin/hello", elf, 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());

        exactly(only(validate(image)).violations(),
                v(RuleId.ELF_NOT_STATIC, "/bin/hello", "no PT_INTERP", "PT_INTERP"));
    }

    @Test
    void layerThatDoesNotDecompressToItsDiffId() throws Exception {
        String wrong = "sha256:" + "0".repeat(64);
        TestImage image = TestImage.hello().diffIds(wrong);
        String layerDigest = TarBuilder.sha256(TestImage.helloLayer().gzipLayer().blob());

        exactly(only(validate(image)).violations(),
                v(RuleId.LAYER_DIFF_ID, layerDigest, wrong, TestImage.helloLayer().gzipLayer().diffId()));
    }

    @Test
    void diffIdCountDifferentFromLayerCount() throws Exception {
        TestImage image = TestImage.hello().diffIds();

        exactly(only(validate(image)).violations(),
                v(RuleId.CONFIG_DIFF_IDS, "rootfs.diff_ids", "1 diff_ids", "0"));
    }

    @Test
    void invalidConfigIsAViolationButNotAKoskitImage() throws Exception {
        TestImage image = TestImage.hello().rawConfig("{\"config\": []}");

        ValidationReport report = validate(image);

        assertFalse(report.koskit());
        assertFalse(report.rejects());
        assertEquals(RuleId.CONFIG_INVALID, report.allViolations().get(0).rule());
    }

    @Test
    void layerFactsAreCachedByDigestSoALayerIsReadOnce() throws Exception {
        LayerFactsCache cache = LayerFactsCache.inMemory();
        ImageValidator cached = new ImageValidator(ReadLimits.DEFAULT, cache);
        MemorySource first = TestImage.hello().source();
        MemorySource second = TestImage.hello().label("com.koskit.app.spec.priority", "181").source();

        ValidationReport a = cached.validate(first, Policy.NONE, KOS_HELLO);
        ValidationReport b = cached.validate(second, Policy.NONE, KOS_HELLO);

        assertTrue(a.passed());
        assertEquals(1, first.layerReads());
        assertEquals(0, second.layerReads());
        exactly(b.images().get(0).violations(),
                v(RuleId.SPEC_MISMATCH, "com.koskit.app.spec.priority", "181", "180"));
    }

    @Test
    void cachedLayerIsReadAgainOnlyForASpecPathItDidNotCapture() throws Exception {
        LayerFactsCache cache = LayerFactsCache.inMemory();
        ImageValidator cached = new ImageValidator(ReadLimits.DEFAULT, cache);
        TarBuilder.Layer layer = TestImage.helloLayer().file("etc/other.json", TestImage.SPEC_JSON).gzipLayer();
        MemorySource first = TestImage.hello().layers(layer).source();
        MemorySource second = TestImage.hello().layers(layer).label("com.koskit.app.spec", "/etc/other.json").source();
        MemorySource third = TestImage.hello().layers(layer).label("com.koskit.app.spec", "/etc/other.json").source();

        cached.validate(first, Policy.NONE, KOS_HELLO);
        ValidationReport b = cached.validate(second, Policy.NONE, KOS_HELLO);
        ValidationReport c = cached.validate(third, Policy.NONE, KOS_HELLO);

        assertTrue(b.passed(), b.allViolations()::toString);
        assertTrue(c.passed(), c.allViolations()::toString);
        assertEquals(List.of(1, 1, 0), List.of(first.layerReads(), second.layerReads(), third.layerReads()));
        String digest = TarBuilder.sha256(layer.blob());
        assertEquals(java.util.Set.of("etc/other.json", "share.spec.json"),
                cache.get(Digest.parse(digest)).orElseThrow().capturePaths());
    }

    @Test
    void indexPassesWhenEveryKoskitPlatformPasses() throws Exception {
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put("arm64", TestImage.hello());
        images.put("amd64", TestImage.hello().architecture("amd64").layers(TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().machine(ElfBuilder.EM_X86_64).build(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer()));

        ValidationReport report = validator.validate(TestImage.index(images), Policy.NONE, KOS_HELLO);

        assertEquals(2, report.images().size());
        assertTrue(report.passed(), report.allViolations()::toString);
        assertEquals("linux/amd64", report.images().get(1).platform().orElseThrow());
    }

    @Test
    void layerSharedByTheImagesOfAnIndexIsReadOnceWithoutACache() throws Exception {
        TarBuilder.Layer shared = TarBuilder.tar().file("share.spec.json", TestImage.SPEC_JSON).gzipLayer();
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put("arm64", TestImage.hello().layers(shared, TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().build(), 0755).gzipLayer()));
        images.put("amd64", TestImage.hello().architecture("amd64").layers(shared, TarBuilder.tar()
                .file("bin/hello", ElfBuilder.staticPie().machine(ElfBuilder.EM_X86_64).build(), 0755).gzipLayer()));
        MemorySource source = TestImage.index(images);

        ValidationReport report = validator.validate(source, Policy.NONE, KOS_HELLO);

        assertTrue(report.passed(), report.allViolations()::toString);
        assertEquals(3, source.layerReads());
    }

    @Test
    void indexFailsWhenOnePlatformFails() throws Exception {
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put("arm64", TestImage.hello());
        images.put("amd64", TestImage.hello().architecture("amd64"));

        ValidationReport report = validator.validate(TestImage.index(images), Policy.NONE, KOS_HELLO);

        assertFalse(report.passed());
        assertTrue(report.rejects());
        assertTrue(report.images().get(0).passed());
        exactly(report.images().get(1).violations(),
                v(RuleId.ELF_MACHINE, "/bin/hello", "EM_X86_64", "EM_AARCH64"));
    }

    @Test
    void indexEntryPlatformDisagreeingWithItsConfig() throws Exception {
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put("amd64", TestImage.hello());

        ValidationReport report = validator.validate(TestImage.index(images), Policy.NONE, KOS_HELLO);

        exactly(report.images().get(0).violations(),
                v(RuleId.INDEX_PLATFORM, "architecture", "amd64", "arm64"));
    }

    @Test
    void platformFilterChecksOnlyThatPlatformOfAnIndex() throws Exception {
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put("arm64", TestImage.hello());
        images.put("amd64", TestImage.hello().architecture("amd64"));

        ValidationReport report = validator.validate(TestImage.index(images), Policy.NONE, KOS_HELLO,
                java.util.Optional.of("linux/arm64"));

        assertEquals(1, report.images().size());
        assertTrue(report.passed(), report.allViolations()::toString);
    }

    @Test
    void nestedIndexesAreFollowedUpToTheDepthBound() throws Exception {
        List<String> within = new java.util.ArrayList<>();
        List<String> beyond = new java.util.ArrayList<>();

        ValidationReport ok = validator.validate(TestImage.nested(TestImage.hello(), 4, within), Policy.NONE,
                KOS_HELLO);
        ValidationReport tooDeep = validator.validate(TestImage.nested(TestImage.hello(), 5, beyond), Policy.NONE,
                KOS_HELLO);

        assertEquals(1, ok.images().size());
        assertTrue(ok.passed(), ok.allViolations()::toString);
        assertTrue(tooDeep.images().isEmpty());
        exactly(tooDeep.violations(), v(RuleId.INDEX_DEPTH, beyond.get(4), "at most 4 levels", "more"));
    }

    @Test
    void indexSkipsImagesWithoutKoskitLabels() throws Exception {
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put("arm64", TestImage.hello());
        images.put("amd64", TestImage.plain().architecture("amd64"));

        ValidationReport report = validator.validate(TestImage.index(images), Policy.NONE, KOS_HELLO);

        assertTrue(report.passed());
        assertFalse(report.images().get(1).koskit());
    }

    @Test
    void dockerSchema2ManifestListIsCheckedLikeAnOciIndex() throws Exception {
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put("arm64", TestImage.hello().docker().label("com.koskit.app.spec.ut_4k_pages", "lots"));

        ValidationReport report = validator.validate(TestImage.index(images, true), Policy.NONE, KOS_HELLO);

        assertEquals(TestImage.DOCKER_LIST, report.mediaType());
        exactly(report.images().get(0).violations(), v(RuleId.LABEL_TYPE, "com.koskit.app.spec.ut_4k_pages",
                "an unsigned decimal integer 0..4294967295", "lots"));
    }

    @Test
    void dockerSchema2ImagePasses() throws Exception {
        ValidationReport report = validate(TestImage.hello().docker());

        assertEquals(TestImage.DOCKER_MANIFEST, report.mediaType());
        assertTrue(report.koskit());
        assertTrue(report.passed(), report.allViolations()::toString);
    }

    @Test
    void missingLayerBlobMeansTheInputCannotBeRead() {
        MemorySource source = TestImage.hello().source();
        source.blobs().keySet().removeIf(k -> k.equals(TarBuilder.sha256(TestImage.helloLayer().gzipLayer().blob())));

        org.junit.jupiter.api.Assertions.assertThrows(ImageSourceException.class,
                () -> validator.validate(source, Policy.NONE, KOS_HELLO));
    }

    @Test
    void invalidManifestIsAViolation() throws Exception {
        MemorySource source = TestImage.hello().source();
        ValidationReport report = validator.validate(new ImageSource() {
            @Override
            public RawManifest manifest() {
                return RawManifest.of("{\"schemaVersion\":1}".getBytes(), TestImage.OCI_MANIFEST);
            }

            @Override
            public RawManifest manifest(io.huruhuru.oci.Digest digest) throws java.io.IOException {
                return source.manifest(digest);
            }

            @Override
            public byte[] blob(io.huruhuru.oci.Digest digest, int maxBytes) throws java.io.IOException {
                return source.blob(digest, maxBytes);
            }

            @Override
            public java.io.InputStream openBlob(io.huruhuru.oci.Digest digest) throws java.io.IOException {
                return source.openBlob(digest);
            }
        }, Policy.NONE, KOS_HELLO);

        assertFalse(report.passed());
        assertEquals(RuleId.MANIFEST_INVALID, report.violations().get(0).rule());
    }
}
