package org.wsinfer.loadtest.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The load driver's command line: {@code drive}, {@code capacity}, {@code sweep} and {@code soak}. */
@Command(name = "wsinfer-loadtest", mixinStandardHelpOptions = true, version = "wsinfer-loadtest 0.1.0",
        description = "Open-loop WebSocket load driver for the wsinfer inference server.")
public final class Main implements Runnable {
    /** Exit code of bad arguments or a run that could not start. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new DriveCommand(out, err));
        cl.addSubcommand(new CapacityCommand(out, err));
        cl.addSubcommand(new SweepCommand(out, err));
        cl.addSubcommand(new SoakCommand(out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: drive, capacity, sweep or soak");
    }
}
