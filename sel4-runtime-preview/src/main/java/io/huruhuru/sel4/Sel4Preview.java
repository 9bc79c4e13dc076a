package io.huruhuru.sel4;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ApplicationFile;
import io.huruhuru.sel4.app.ElfImage;
import io.huruhuru.sel4.boot.BootInfo;
import io.huruhuru.sel4.boot.KernelBoot;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.boot.RootServerImage;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.ReportJson;
import io.huruhuru.sel4.report.RunReport;
import io.huruhuru.sel4.run.ApplicationRun;
import io.huruhuru.sel4.run.DirectoryRootFilesystem;
import io.huruhuru.sel4.run.ProgramFile;
import io.huruhuru.sel4.run.RootFilesystem;
import io.huruhuru.sel4.rootserver.SystemBoot;
import io.huruhuru.sel4.system.ComposeSystem;
import io.huruhuru.sel4.system.SystemDescription;
import io.huruhuru.sel4.system.SystemFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The boot preview's entry points for a command line or server: platforms, application descriptions,
 * boot, and the report as JSON.
 *
 * <p>Exit codes for a command line ({@code huruhuru sel4 boot}): {@link #EXIT_BOOTED} (0) when every
 * application booted, {@link #EXIT_FAILED} (1) when the boot failed (the report says where and why),
 * {@link #EXIT_UNREADABLE} (2) when an input could not be read: {@link #readApplication}, {@link #readElf},
 * {@link #readSystem} and {@link #platform} throw {@link UnreadableInputException} for that case.
 */
public final class Sel4Preview {

    public static final int EXIT_BOOTED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_UNREADABLE = 2;
    /** A run's application exited with a non-zero status. */
    public static final int EXIT_RUN_NONZERO = 3;
    /** A run's application faulted (a VM fault or a user exception). */
    public static final int EXIT_RUN_FAULTED = 4;
    /** A run spent its instruction budget. */
    public static final int EXIT_RUN_BUDGET = 5;
    /** A run ended otherwise: a call refused (clone), the only thread blocked, or the code not run at all. */
    public static final int EXIT_RUN_OTHER = 6;

    private Sel4Preview() {
    }

    /** The shipped platforms, in name order. */
    public static List<Platform> platforms() {
        return PlatformCatalog.all();
    }

    public static Platform platform(String name) throws UnreadableInputException {
        return PlatformCatalog.find(name).orElseThrow(() -> new UnreadableInputException("unknown platform '" + name
                + "'; known platforms: " + platforms().stream().map(Platform::name).collect(Collectors.joining(", "))));
    }

    /** Reads an application description JSON file; its "elf" path is relative to the file. */
    public static ApplicationDescription readApplication(Path json) throws UnreadableInputException {
        return ApplicationFile.read(json);
    }

    /** Reads the entry point and PT_LOAD segments of an ELF64 file. */
    public static ElfImage readElf(Path elf) throws UnreadableInputException {
        try {
            return ElfImage.parse(Files.readAllBytes(elf));
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read ELF file " + elf + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException("ELF file " + elf + ": " + e.getMessage(), e);
        }
    }

    /** Reads an ELF executable whole, to run it. */
    public static ProgramFile readProgram(Path elf) throws UnreadableInputException {
        try {
            return ProgramFile.parse(Files.readAllBytes(elf));
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read ELF file " + elf + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new UnreadableInputException("ELF file " + elf + ": " + e.getMessage(), e);
        }
    }

    /** Reads an application description and the whole ELF file it names, to run it. */
    public static RunnableApplication readRunnable(Path json) throws UnreadableInputException {
        ApplicationDescription app = readApplication(json);
        Path elf = ApplicationFile.elfPath(json).orElseThrow(() -> new UnreadableInputException(json
                + ": an application to run names its ELF file ('elf')"));
        return new RunnableApplication(app, readProgram(elf));
    }

    /** An application description with the bytes of its program. */
    public record RunnableApplication(ApplicationDescription description, ProgramFile program) {
    }

    /** A directory on disk as the application's read-only root filesystem. */
    public static RootFilesystem rootFilesystem(Path dir) throws UnreadableInputException {
        try {
            return new DirectoryRootFilesystem(dir);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException("root filesystem: " + e.getMessage(), e);
        }
    }

    /**
     * Boots one native application alone on the platform and runs its code until it exits, faults or spends
     * {@code budget} instructions; the report's {@code run} says which.
     */
    public static BootReport bootAndRun(Platform platform, RunnableApplication app, RootFilesystem fs, long budget) {
        return ApplicationRun.bootAndRun(platform, app.description(), app.program(), fs, budget);
    }

    /** The exit code of a boot and run: see the EXIT_ constants. */
    public static int runExitCode(BootReport report) {
        if (!report.booted()) {
            return EXIT_FAILED;
        }
        RunReport run = report.run();
        return switch (run.result()) {
            case RunReport.EXITED -> run.exitStatus() == 0 ? EXIT_BOOTED : EXIT_RUN_NONZERO;
            case RunReport.FAULTED -> EXIT_RUN_FAULTED;
            case RunReport.BUDGET_EXHAUSTED -> EXIT_RUN_BUDGET;
            default -> EXIT_RUN_OTHER;
        };
    }

    /** The kernel's own boot on a platform, with the default root server image. */
    public static BootInfo emulateKernelBoot(Platform platform) {
        return KernelBoot.emulateKernelBoot(platform, RootServerImage.DEFAULT);
    }

    /** Boots the applications, in order, into one system on the platform. */
    public static BootReport boot(Platform platform, List<ApplicationDescription> applications) {
        return SystemBoot.boot(platform, RootServerImage.DEFAULT, applications);
    }

    /** Reads a compose file whose services name application descriptions (image: app.json). */
    public static SystemDescription readSystem(Path yaml) throws UnreadableInputException {
        return SystemFile.read(yaml);
    }

    /** Boots a compose system; keep the handle to tear it down. */
    public static ComposeSystem up(Platform platform, SystemDescription system) {
        return ComposeSystem.up(platform, system);
    }

    /** Boots a compose system, tears it down, and returns the report with the teardown check. */
    public static BootReport upAndDown(Platform platform, SystemDescription system) {
        return ComposeSystem.up(platform, system).down();
    }

    /** The report as JSON, byte for byte the same for the same report. */
    public static String toJson(BootReport report) {
        return ReportJson.write(report);
    }

    /** {@link #EXIT_BOOTED} or {@link #EXIT_FAILED} for a report. */
    public static int exitCode(BootReport report) {
        return report.booted() ? EXIT_BOOTED : EXIT_FAILED;
    }
}
