package org.wsinfer.reports.cli;

import org.wsinfer.reports.read.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;

/** The {@code wsinfer-reports} command line: {@code report}, {@code compare}, {@code merge} and {@code env}. */
@Command(name = "wsinfer-reports", mixinStandardHelpOptions = true, version = "wsinfer-reports 0.1.0",
        description = "Reads wsinfer results folders and writes reports, comparisons, merged runs and env.json.",
        subcommands = {ReportCommand.class, CompareCommand.class, MergeCommand.class, EnvCommand.class})
public final class ReportsCli implements Runnable {

    /** Exit code for bad input (missing or malformed file, bad option). */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** A command line wired to the given streams and clock; exceptions from bad input exit with code 2. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Clock clock) {
        CommandLine cl = new CommandLine(new ReportsCli(), new Factory(clock));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof InputException || ex instanceof IllegalArgumentException
                    || ex instanceof UncheckedIOException) {
                cmd.getErr().println("error: " + ex.getMessage());
                cmd.getErr().flush();
                return BAD_INPUT;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err, Clock.systemUTC()).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Creates commands with the clock they need. */
    private record Factory(Clock clock) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ReportCommand.class) {
                return cls.cast(new ReportCommand(clock));
            }
            if (cls == EnvCommand.class) {
                return cls.cast(new EnvCommand(clock));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
