package org.wsinfer.loadtest.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.run.DriveException;
import org.wsinfer.loadtest.run.DriveRun;
import org.wsinfer.loadtest.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drive}: one open-loop run at a fixed rate. Exit 0 valid, 1 invalid, 2 bad arguments or no connection. */
@Command(name = "drive", mixinStandardHelpOptions = true,
        description = "Open-loop load at a fixed rate; writes latency.hlog, latency.hgrm and summary.json into --out.")
final class DriveCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    CommonOptions common;

    @Mixin
    PayloadOptions payload;

    @Option(names = "--rate", description = "requests per second over all connections (default: ${DEFAULT-VALUE})",
            defaultValue = "1000")
    double rateHz;

    @Option(names = "--out", description = "results folder (default: ${DEFAULT-VALUE})", defaultValue = "results/drive")
    Path outDir;

    DriveCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        DriverConfig cfg;
        try {
            cfg = payload.applyTo(common.toBuilder()).rateHz(rateHz).outDir(outDir).build();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        try {
            RunResult r = new DriveRun(cfg, NanoClock.system(), out).execute();
            return r.exitCode();
        } catch (DriveException | java.io.IOException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
    }
}
