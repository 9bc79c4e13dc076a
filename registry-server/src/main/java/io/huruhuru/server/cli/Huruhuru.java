package io.huruhuru.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code huruhuru} command line: {@code serve} runs the registry, {@code validate} checks an image,
 * {@code verify} checks its signature, {@code gc} collects a stopped registry's garbage, {@code preview} boots an
 * image on the seL4 model.
 */
@Command(name = "huruhuru", mixinStandardHelpOptions = true, version = "huruhuru 0.1.0",
        description = "An OCI container registry for seL4 systems.",
        subcommands = {ServeCommand.class, ValidateCommand.class, VerifyCommand.class, Sel4Command.class,
                GcCommand.class, PreviewCommand.class})
public final class Huruhuru implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Huruhuru()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
