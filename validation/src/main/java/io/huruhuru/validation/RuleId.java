package io.huruhuru.validation;

import java.util.Optional;

/**
 * Every rule a koskit image is checked against, with its stable id and the severity it is reported with.
 *
 * <p>Ids are part of the public contract (reports, SARIF rule ids, CI filters): never rename one, only add.
 */
public enum RuleId {
    // manifest, config and index
    MANIFEST_INVALID("manifest.invalid", Severity.ERROR, "The manifest cannot be parsed as an OCI or Docker schema 2 manifest."),
    CONFIG_INVALID("config.invalid", Severity.ERROR, "The image config is not valid image config JSON."),
    CONFIG_ARCHITECTURE("config.architecture", Severity.ERROR, "The image config's architecture is not one a koskit app can run on (arm64, amd64)."),
    CONFIG_DIFF_IDS("config.diff-ids", Severity.ERROR, "The config's rootfs.diff_ids do not match the manifest's layers."),
    INDEX_DEPTH("index.depth", Severity.ERROR, "Indexes are nested deeper than allowed."),
    INDEX_PLATFORM("index.platform", Severity.ERROR, "An index entry's platform does not agree with its image config."),

    // labels
    LABEL_REQUIRED("label.required", Severity.ERROR, "A required com.koskit label is missing."),
    LABEL_TYPE("label.type", Severity.ERROR, "A com.koskit label is not an unsigned decimal integer where one is required."),
    LABEL_RANGE("label.range", Severity.ERROR, "A com.koskit label's number is outside its range."),
    LABEL_FORMAT("label.format", Severity.ERROR, "A com.koskit name, protocol list or path does not follow its grammar."),
    LABEL_PRIORITY_ORDER("label.priority-order", Severity.ERROR, "The priority is above the maximum controlled priority."),
    LABEL_UNKNOWN("label.unknown", Severity.ERROR, "A com.koskit label key is not one koskit defines."),
    LABEL_DUPLICATE_PROTOCOL("label.duplicate-protocol", Severity.WARNING, "A protocol is listed more than once in publishes."),

    // layers as streams and tar archives
    LAYER_UNREADABLE("layer.unreadable", Severity.ERROR, "A layer is not tar, tar+gzip or tar+zstd, or its compressed stream is corrupt."),
    LAYER_TRUNCATED("layer.truncated", Severity.ERROR, "A layer ends inside a tar header or inside an entry's data."),
    LAYER_TAR_HEADER("layer.tar-header", Severity.ERROR, "A tar header is malformed (checksum, numbers, sizes) or oversized."),
    LAYER_LIMIT("layer.limit", Severity.ERROR, "A layer expands to more bytes or entries than allowed (decompression bomb guard)."),
    LAYER_DIFF_ID("layer.diff-id", Severity.ERROR, "A layer's uncompressed digest differs from the config's rootfs.diff_ids entry."),
    LAYER_ENTRY_TYPE("layer.entry-type", Severity.WARNING, "A tar entry has a type that is ignored (sparse, volume, unknown)."),

    // the filesystem the layers build
    ROOTFS_PATH_ABSOLUTE("rootfs.path.absolute", Severity.ERROR, "A tar entry's path is absolute."),
    ROOTFS_PATH_TRAVERSAL("rootfs.path.traversal", Severity.ERROR, "A tar entry's path climbs out of the rootfs with '..'."),
    ROOTFS_HARDLINK_ESCAPE("rootfs.hardlink.escape", Severity.ERROR, "A hard link points outside the rootfs."),
    ROOTFS_HARDLINK_MISSING("rootfs.hardlink.missing", Severity.ERROR, "A hard link points at a file that does not exist."),
    ROOTFS_SYMLINK_LOOP("rootfs.symlink.loop", Severity.ERROR, "Resolving a path follows too many symbolic links (a loop)."),
    ROOTFS_BINARY_MISSING("rootfs.binary.missing", Severity.ERROR, "The app binary does not exist in the rootfs."),
    ROOTFS_BINARY_NOT_REGULAR("rootfs.binary.not-regular", Severity.ERROR, "The app binary is not a regular file."),
    ROOTFS_BINARY_NOT_EXECUTABLE("rootfs.binary.not-executable", Severity.ERROR, "The app binary has no execute permission."),
    ROOTFS_SPEC_MISSING("rootfs.spec.missing", Severity.ERROR, "The spec file does not exist in the rootfs."),
    ROOTFS_SPEC_NOT_REGULAR("rootfs.spec.not-regular", Severity.ERROR, "The spec file is not a regular file."),
    ROOTFS_SPEC_TOO_LARGE("rootfs.spec.too-large", Severity.ERROR, "The spec file is larger than allowed."),

    // the spec file
    SPEC_INVALID_JSON("spec.invalid-json", Severity.ERROR, "The spec file is not a JSON object."),
    SPEC_TYPE("spec.type", Severity.ERROR, "A spec file value has the wrong JSON type or is out of range."),
    SPEC_MISMATCH("spec.mismatch", Severity.ERROR, "The spec file and the labels disagree."),
    SPEC_UNKNOWN_KEY("spec.unknown-key", Severity.WARNING, "The spec file has a key koskit does not define."),

    // the binary
    ELF_NOT_ELF("elf.not-elf", Severity.ERROR, "The app binary is not an ELF file."),
    ELF_TRUNCATED("elf.truncated", Severity.ERROR, "The ELF header or program header table is cut short."),
    ELF_HEADER("elf.header", Severity.ERROR, "An ELF header field is invalid (encoding, version, header sizes)."),
    ELF_CLASS("elf.class", Severity.ERROR, "The binary is not a 64-bit ELF file."),
    ELF_MACHINE("elf.machine", Severity.ERROR, "The binary's machine does not match the image's architecture."),
    ELF_NOT_PIE("elf.not-pie", Severity.ERROR, "The binary is not position independent (ET_DYN)."),
    ELF_NOT_STATIC("elf.not-static", Severity.ERROR, "The binary asks for a program interpreter (PT_INTERP): it is not statically linked."),
    ELF_PHDR_COUNT("elf.phdr-count", Severity.ERROR, "The program header count is absurd (PN_XNUM or a table above 64 KiB)."),
    ELF_SEGMENTS("elf.segments", Severity.ERROR, "The PT_LOAD segments are missing or inconsistent."),
    ELF_SEGMENT_WX("elf.segment-wx", Severity.WARNING, "A PT_LOAD segment is both writable and executable."),

    // budgets from a policy
    BUDGET_PLATFORM("budget.platform", Severity.ERROR, "The image's architecture is not the policy platform's."),
    BUDGET_HEAP_PAGES("budget.heap-pages", Severity.ERROR, "heap_pages is above the policy's limit."),
    BUDGET_UT_LARGE_PAGE("budget.ut-large-page", Severity.ERROR, "ut_large_page is above the policy's limit."),
    BUDGET_UT_4K_PAGES("budget.ut-4k-pages", Severity.ERROR, "ut_4k_pages is above the policy's limit."),
    BUDGET_MEMORY("budget.memory", Severity.ERROR, "The image's total memory is above the policy's limit."),
    BUDGET_PRIORITY("budget.priority", Severity.ERROR, "The priority is above the policy's highest priority."),
    BUDGET_MAX_PRIORITY("budget.max-priority", Severity.ERROR, "The maximum controlled priority is above the policy's limit."),
    BUDGET_PROTOCOL("budget.protocol", Severity.ERROR, "The image publishes a protocol the policy does not allow.");

    private final String id;
    private final Severity severity;
    private final String summary;

    RuleId(String id, Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    /** The stable id, e.g. {@code label.required}. */
    public String id() {
        return id;
    }

    /** The severity a violation of this rule has. */
    public Severity severity() {
        return severity;
    }

    /** One sentence saying what the rule requires. */
    public String summary() {
        return summary;
    }

    /** The part of the id before the first dot: {@code label}, {@code rootfs}, {@code elf}... */
    public String category() {
        return id.substring(0, id.indexOf('.'));
    }

    /** A violation of this rule with its own severity. */
    public Violation violation(String where, String message, String expected, String found) {
        return new Violation(this, severity, where, message, expected, found);
    }

    public static Optional<RuleId> byId(String id) {
        for (RuleId rule : values()) {
            if (rule.id.equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
