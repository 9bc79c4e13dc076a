package io.huruhuru.validation;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.Elf;
import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.validation.budget.BudgetChecker;
import io.huruhuru.validation.budget.PolicyRule;
import io.huruhuru.validation.budget.TargetPlatform;
import io.huruhuru.validation.elf.ElfInspection;
import io.huruhuru.validation.elf.ElfInspector;
import io.huruhuru.validation.koskit.AppSpec;
import io.huruhuru.validation.koskit.KoskitKey;
import io.huruhuru.validation.koskit.LabelChecker;
import io.huruhuru.validation.koskit.SpecFileChecker;
import io.huruhuru.validation.layer.EntryPath;
import io.huruhuru.validation.layer.EntryType;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.ReadLimits;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.ImageConfig;
import io.huruhuru.oci.ImageConfigInvalidException;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.oci.Platform;
import io.huruhuru.validation.rootfs.CommandPath;
import io.huruhuru.validation.rootfs.Lookup;
import io.huruhuru.validation.rootfs.Node;
import io.huruhuru.validation.rootfs.Rootfs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** Checks one image manifest: config, labels, layers into a rootfs, binary, spec file, ELF and budget. */
final class ImageCheck {

    /** Image configs above this are refused (a koskit config is a few KiB). */
    static final int MAX_CONFIG_BYTES = ImageSource.MAX_CONFIG_BYTES;

    private final ReadLimits limits;
    private final LayerSource layers;

    ImageCheck(ReadLimits limits, LayerFactsCache cache) {
        this.limits = limits;
        this.layers = new LayerSource(limits, cache);
    }

    ImageReport check(ImageSource source, String digest, ImageManifest manifest, Optional<Platform> platform,
            Optional<PolicyRule> rule) throws IOException {
        Optional<String> platformName = platform.map(Platform::toString);
        List<Violation> out = new ArrayList<>();
        Descriptor configDescriptor = manifest.config();
        if (configDescriptor.size() > MAX_CONFIG_BYTES) {
            out.add(RuleId.CONFIG_INVALID.violation(configDescriptor.digest().toString(), "the image config is too "
                    + "large", "at most " + MAX_CONFIG_BYTES + " bytes", configDescriptor.size() + " bytes"));
            return new ImageReport(digest, platformName, false, Optional.empty(), out);
        }
        byte[] configBytes = source.blob(configDescriptor.digest(), MAX_CONFIG_BYTES);
        if (!configDescriptor.digest().matches(configBytes)) {
            out.add(RuleId.CONFIG_INVALID.violation(configDescriptor.digest().toString(), "the image config's "
                    + "content does not match its digest", configDescriptor.digest().toString(), "other content"));
            return new ImageReport(digest, platformName, false, Optional.empty(), out);
        }
        ImageConfig config;
        try {
            config = ImageConfig.parse(configBytes);
        } catch (ImageConfigInvalidException e) {
            out.add(RuleId.CONFIG_INVALID.violation(configDescriptor.digest().toString(), e.getMessage(),
                    "image config JSON", "invalid"));
            return new ImageReport(digest, platformName, false, Optional.empty(), out);
        }
        if (!LabelChecker.isKoskitImage(config.labels())) {
            return new ImageReport(digest, platformName, false, Optional.empty(), out);
        }
        if (platform.isPresent() && !platform.get().architecture().equals(config.architecture())) {
            out.add(RuleId.INDEX_PLATFORM.violation("architecture", "the index says " + platform.get()
                    + " but the image config's architecture is " + config.architecture(),
                    platform.get().architecture(), config.architecture()));
        }
        LabelChecker.Result labels = LabelChecker.check(config.labels(), config.entrypoint());
        out.addAll(labels.violations());
        AppSpec spec = labels.spec();
        OptionalInt machine = machineOf(config.architecture());
        if (machine.isEmpty()) {
            out.add(RuleId.CONFIG_ARCHITECTURE.violation("architecture", "koskit apps run on arm64 or amd64",
                    "arm64 or amd64", config.architecture().isEmpty() ? Violation.ABSENT : config.architecture()));
        }
        if (config.diffIds().size() != manifest.layers().size()) {
            out.add(RuleId.CONFIG_DIFF_IDS.violation("rootfs.diff_ids", "the config lists "
                    + config.diffIds().size() + " diff_ids for " + manifest.layers().size() + " layers",
                    manifest.layers().size() + " diff_ids", Integer.toString(config.diffIds().size())));
        }
        Optional<String> specPath = spec.specPath().map(p -> EntryPath.normalise(p.substring(1)).path());
        List<LayerFacts> facts = new ArrayList<>();
        List<LayerSummary> summaries = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            LayerFacts f = layers.facts(source, layer.digest(), specPath);
            facts.add(f);
            summaries.add(new LayerSummary(f.digest(), f.compression(), f.entries().size(), f.expandedBytes(),
                    f.diffId()));
            String where = f.digest().toString();
            for (Violation v : f.problems()) {
                out.add(new Violation(v.rule(), v.severity(), v.where().isEmpty() ? where : v.where(),
                        "layer " + i + " (" + where + "): " + v.message(), v.expected(), v.found()));
            }
            // the reader hashes the decompressed stream with sha256 only, so a sha512 diff_id cannot be compared
            if (i < config.diffIds().size() && f.diffId().isPresent()
                    && config.diffIds().get(i).algorithm() == DigestAlgorithm.SHA256
                    && !config.diffIds().get(i).equals(f.diffId().get())) {
                out.add(RuleId.LAYER_DIFF_ID.violation(where, "layer " + i + " does not decompress to the "
                        + "config's diff_id", config.diffIds().get(i).toString(), f.diffId().get().toString()));
            }
        }
        Rootfs rootfs = Rootfs.build(facts);
        out.addAll(rootfs.problems());
        Optional<String> binaryPath = Optional.empty();
        Optional<ElfHeaders> elf = Optional.empty();
        if (spec.binary().isPresent()) {
            Optional<String> absolute = binaryPath(rootfs, spec, config, out);
            if (absolute.isPresent()) {
                Optional<Node> node = binaryNode(rootfs, absolute.get(), out);
                if (node.isPresent()) {
                    binaryPath = Optional.of(absolute.get());
                    elf = inspect(node.get(), absolute.get(), machine, out);
                }
            }
        }
        if (spec.specPath().isPresent()) {
            checkSpecFile(source, manifest, rootfs, facts, spec.specPath().get(), spec, out);
        }
        long stackPages = rule.flatMap(PolicyRule::platform).map(TargetPlatform::stackPages)
                .orElse((long) ApplicationDescription.DEFAULT_STACK_PAGES);
        MemoryDemand totals = BudgetChecker.demand(spec, elf, stackPages);
        rule.ifPresent(r -> out.addAll(BudgetChecker.check(spec, config.architecture(), totals, r)));
        ImageFacts imageFacts = new ImageFacts(config.architecture(), config.os(), spec.name(), binaryPath,
                spec.specPath(), elf, Optional.of(totals), summaries);
        return new ImageReport(digest, platformName, true, Optional.of(imageFacts), out);
    }

    /** The absolute path of the binary: the label, else the ENTRYPOINT resolved like a shell resolves commands. */
    private static Optional<String> binaryPath(Rootfs rootfs, AppSpec spec, ImageConfig config, List<Violation> out) {
        String command = spec.binary().get();
        Optional<String> found = CommandPath.resolve(rootfs, command, config.workingDir(), config.path());
        if (found.isEmpty()) {
            out.add(RuleId.ROOTFS_BINARY_MISSING.violation(KoskitKey.BINARY.label(), "the ENTRYPOINT " + command
                    + " is not found in PATH", "an executable " + command + " in "
                    + config.path().orElse(CommandPath.DEFAULT_PATH), Violation.ABSENT));
        }
        return found;
    }

    private static Optional<Node> binaryNode(Rootfs rootfs, String path, List<Violation> out) {
        Lookup lookup = rootfs.resolve(path);
        if (lookup instanceof Lookup.Loop loop) {
            out.add(RuleId.ROOTFS_SYMLINK_LOOP.violation(path, "resolving the binary path follows more than "
                    + Rootfs.MAX_SYMLINKS + " symbolic links", "at most " + Rootfs.MAX_SYMLINKS + " links",
                    "a loop at " + loop.path()));
            return Optional.empty();
        }
        if (!(lookup instanceof Lookup.Found found)) {
            out.add(RuleId.ROOTFS_BINARY_MISSING.violation(path, "the binary " + path + " does not exist in the rootfs",
                    "a regular executable file", Violation.ABSENT));
            return Optional.empty();
        }
        Node node = found.node();
        if (node.type() != EntryType.FILE) {
            out.add(RuleId.ROOTFS_BINARY_NOT_REGULAR.violation(path, "the binary " + path + " is not a regular file",
                    "a regular file", typeName(node.type())));
            return Optional.empty();
        }
        if (!node.executable()) {
            out.add(RuleId.ROOTFS_BINARY_NOT_EXECUTABLE.violation(path, "the binary " + path + " has no execute "
                    + "permission", "an execute bit (mode & 0111)", String.format("%04o", node.mode())));
        }
        return Optional.of(node);
    }

    private static Optional<ElfHeaders> inspect(Node node, String path, OptionalInt machine, List<Violation> out) {
        if (node.elfHead() == null) {
            out.add(RuleId.ELF_NOT_ELF.violation(path, "the binary is not an ELF file", "ELF magic 7f 45 4c 46",
                    node.size() == 0 ? "empty file" : "other content"));
            return Optional.empty();
        }
        ElfInspection inspection = ElfInspector.inspect(node.elfHead(), node.size(), path, machine);
        out.addAll(inspection.violations());
        return inspection.summary();
    }

    private void checkSpecFile(ImageSource source, ImageManifest manifest, Rootfs rootfs, List<LayerFacts> facts,
            String path, AppSpec spec, List<Violation> out) throws IOException {
        Lookup lookup = rootfs.resolve(path);
        if (lookup instanceof Lookup.Loop loop) {
            out.add(RuleId.ROOTFS_SYMLINK_LOOP.violation(path, "resolving the spec file path follows more than "
                    + Rootfs.MAX_SYMLINKS + " symbolic links", "at most " + Rootfs.MAX_SYMLINKS + " links",
                    "a loop at " + loop.path()));
            return;
        }
        if (!(lookup instanceof Lookup.Found found)) {
            out.add(RuleId.ROOTFS_SPEC_MISSING.violation(path, "the spec file " + path + " does not exist in the rootfs",
                    "a JSON file", Violation.ABSENT));
            return;
        }
        Node node = found.node();
        if (node.type() != EntryType.FILE) {
            out.add(RuleId.ROOTFS_SPEC_NOT_REGULAR.violation(path, "the spec file " + path + " is not a regular file",
                    "a regular file", typeName(node.type())));
            return;
        }
        if (node.size() > limits.maxCaptureBytes()) {
            out.add(RuleId.ROOTFS_SPEC_TOO_LARGE.violation(path, "the spec file " + path + " is too large",
                    "at most " + limits.maxCaptureBytes() + " bytes", node.size() + " bytes"));
            return;
        }
        Optional<byte[]> content = layers.content(source, manifest.layers().get(node.layer()).digest(),
                facts.get(node.layer()), node.contentPath());
        if (content.isEmpty()) {
            out.add(RuleId.ROOTFS_SPEC_MISSING.violation(path, "the spec file " + path + " could not be read from "
                    + "its layer", "a JSON file", "unreadable"));
            return;
        }
        out.addAll(SpecFileChecker.check(content.get(), path, spec, spec.binary()));
    }

    /** The ELF {@code e_machine} of an OCI architecture, if koskit supports it. */
    static OptionalInt machineOf(String architecture) {
        return switch (architecture) {
            case "arm64" -> OptionalInt.of(Elf.EM_AARCH64);
            case "amd64" -> OptionalInt.of(Elf.EM_X86_64);
            default -> OptionalInt.empty();
        };
    }

    private static String typeName(EntryType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
