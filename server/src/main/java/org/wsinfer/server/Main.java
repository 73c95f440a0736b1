package org.wsinfer.server;

import org.wsinfer.server.cli.ModelCommand;
import org.wsinfer.server.cli.ServeCommand;
import org.wsinfer.server.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code wsinfer-server} command line: {@code serve}, {@code train}, {@code model inspect}. */
@Command(name = "wsinfer-server", mixinStandardHelpOptions = true, version = "wsinfer-server 0.1.0",
        description = "Reference WebSocket inference server.",
        subcommands = {ServeCommand.class, TrainCommand.class, ModelCommand.class})
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its code (2 for bad usage). */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: serve, train or model inspect");
    }
}
