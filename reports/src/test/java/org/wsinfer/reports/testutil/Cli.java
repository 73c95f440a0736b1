package org.wsinfer.reports.testutil;

import org.wsinfer.reports.cli.ReportsCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs the reports CLI in-process through picocli's {@code execute}, capturing its output. */
public final class Cli {

    /** A fixed clock for reproducible output. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T15:00:00Z"), ZoneOffset.UTC);

    /** Exit code, stdout and stderr of one run. */
    public record Run(int code, String out, String err) {
    }

    private Cli() {
    }

    /** Executes the command line. */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ReportsCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), CLOCK).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
