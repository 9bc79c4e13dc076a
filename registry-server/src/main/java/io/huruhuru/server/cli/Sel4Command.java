package io.huruhuru.server.cli;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.run.ApplicationRun;
import io.huruhuru.sel4.run.RootFilesystem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code huruhuru sel4}: the boot preview on the executable seL4 model, from the command line. */
@Command(name = "sel4", mixinStandardHelpOptions = true,
        description = "Boot applications on an executable model of seL4.",
        subcommands = {Sel4Command.Boot.class, Sel4Command.Up.class, Sel4Command.Platforms.class})
final class Sel4Command implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A boot on the model, which fails only when an input cannot be read. */
    @FunctionalInterface
    private interface BootRun {
        BootReport run() throws UnreadableInputException;
    }

    /** Prints the report of {@code run} as JSON and returns its exit code, or says why an input could not be read. */
    private static int printReport(CommandSpec spec, String command, BootRun run) {
        try {
            BootReport report = run.run();
            PrintWriter out = spec.commandLine().getOut();
            out.println(Sel4Preview.toJson(report));
            out.flush();
            return Sel4Preview.exitCode(report);
        } catch (UnreadableInputException e) {
            spec.commandLine().getErr().println("huruhuru sel4 " + command + ": " + e.getMessage());
            return Sel4Preview.EXIT_UNREADABLE;
        }
    }

    /** {@code huruhuru sel4 boot}: boots application descriptions into one system and prints the report as JSON. */
    @Command(name = "boot", mixinStandardHelpOptions = true,
            description = {"Boot application descriptions (JSON) into one system and print the boot report as JSON.",
                "With --run, boot one native application and run its code on the model: print its console output, "
                        + "then the report with the run (result, exit status or fault, instructions, system calls, "
                        + "heap pages)."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:every application booted (with --run: and the application exited with status 0)",
                "1:the boot failed (the report says where and why)", "2:an input could not be read",
                "3:with --run: the application exited with a non-zero status (in the report)",
                "4:with --run: the application faulted (a VM fault or an undefined instruction)",
                "5:with --run: the instruction budget was spent",
                "6:with --run: the run ended otherwise (clone refused, the only thread blocked, or not run)"})
    static final class Boot implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--platform", required = true, description = "platform name (see `huruhuru sel4 platforms`)")
        private String platform;

        @Option(names = "--run", description = "run the application's code after the boot (one application)")
        private boolean run;

        @Option(names = "--rootfs", paramLabel = "DIR",
                description = "with --run: the directory the application sees, read-only, as its root filesystem "
                        + "(default: an empty root)")
        private Path rootfs;

        @Option(names = "--budget", paramLabel = "N",
                description = "with --run: the most instructions the run may execute (default: ${DEFAULT-VALUE})")
        private long budget = ApplicationRun.DEFAULT_BUDGET;

        @Parameters(arity = "1..*", paramLabel = "APP.json", description = "application descriptions, booted in order")
        private List<Path> applications;

        @Override
        public Integer call() {
            if (run) {
                return bootAndRun();
            }
            if (rootfs != null) {
                throw new ParameterException(spec.commandLine(), "--rootfs needs --run");
            }
            return printReport(spec, "boot", () -> {
                List<ApplicationDescription> descriptions = new ArrayList<>();
                for (Path application : applications) {
                    descriptions.add(Sel4Preview.readApplication(application));
                }
                return Sel4Preview.boot(Sel4Preview.platform(platform), descriptions);
            });
        }

        private int bootAndRun() {
            if (applications.size() != 1) {
                throw new ParameterException(spec.commandLine(), "--run runs one application");
            }
            if (budget <= 0) {
                throw new ParameterException(spec.commandLine(), "--budget must be positive");
            }
            try {
                Sel4Preview.RunnableApplication app = Sel4Preview.readRunnable(applications.get(0));
                RootFilesystem fs = rootfs == null ? RootFilesystem.EMPTY
                        : Sel4Preview.rootFilesystem(rootfs);
                BootReport report = Sel4Preview.bootAndRun(Sel4Preview.platform(platform), app, fs, budget);
                PrintWriter out = spec.commandLine().getOut();
                out.print(report.run().console());
                out.println(Sel4Preview.toJson(report));
                out.flush();
                return Sel4Preview.runExitCode(report);
            } catch (UnreadableInputException e) {
                spec.commandLine().getErr().println("huruhuru sel4 boot: " + e.getMessage());
                return Sel4Preview.EXIT_UNREADABLE;
            }
        }
    }

    /**
     * {@code huruhuru sel4 up}: boots a compose system, prints the system report as JSON with the teardown check
     * of the down that follows.
     */
    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Boot a compose system (services naming application descriptions) as one seL4 system, "
                    + "tear it down again, and print the system report with the teardown check as JSON.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:every service booted", "1:the boot failed (the report says where and why)",
                "2:an input could not be read"})
    static final class Up implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--platform", required = true, description = "platform name (see `huruhuru sel4 platforms`)")
        private String platform;

        @Parameters(arity = "1", paramLabel = "SYSTEM.yaml", description = "compose file; image: names an app.json")
        private Path system;

        @Override
        public Integer call() {
            return printReport(spec, "up", () -> Sel4Preview.upAndDown(Sel4Preview.platform(platform),
                    Sel4Preview.readSystem(system)));
        }
    }

    /** {@code huruhuru sel4 platforms}: the shipped platforms. */
    @Command(name = "platforms", mixinStandardHelpOptions = true, description = "List the platforms the model knows.")
    static final class Platforms implements Runnable {

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (Platform platform : Sel4Preview.platforms()) {
                out.printf("%-18s %-8s %s%n", platform.name(), platform.kernel().architecture(), platform.description());
            }
            out.flush();
        }
    }
}
