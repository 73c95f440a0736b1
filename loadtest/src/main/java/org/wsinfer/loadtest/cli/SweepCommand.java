package org.wsinfer.loadtest.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.run.DriveException;
import org.wsinfer.loadtest.run.DriveRun;
import org.wsinfer.loadtest.sweep.Sweep;
import org.wsinfer.protocol.Framing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sweep}: one drive run per framing x features x rate. Exit 0 all valid, 1 some invalid, 2 usage. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Text-vs-binary study: a drive run per framing x features x rate, sweep.json and a table.")
final class SweepCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    CommonOptions common;

    @Option(names = "--framings", split = ",", description = "framings (default: ${DEFAULT-VALUE})",
            defaultValue = "binary,text", converter = Converters.FramingConverter.class)
    List<Framing> framings;

    @Option(names = "--features", split = ",", description = "feature sizes (default: ${DEFAULT-VALUE})",
            defaultValue = "1,16,256,4096")
    List<Integer> features;

    @Option(names = "--rates", split = ",", required = true, description = "rates, req/s, e.g. 500,1000,2000")
    List<Double> rates;

    @Option(names = "--server-jar", description = "start a matching server per feature size from this shaded jar"
            + " (train --random-weights, serve --port 0 --model DIR)")
    Path serverJar;

    @Option(names = "--server-arg", description = "extra argument for the started server's serve command (repeatable)")
    List<String> serverArgs = new ArrayList<>();

    @Option(names = "--out", description = "results folder (default: ${DEFAULT-VALUE})", defaultValue = "results/sweep")
    Path outDir;

    SweepCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Sweep sweep;
        try {
            DriverConfig base = common.toBuilder().features(features.get(0)).rateHz(rates.get(0)).outDir(outDir).build();
            sweep = new Sweep(base, framings, features, rates, serverJar, serverArgs,
                    cfg -> new DriveRun(cfg, NanoClock.system(), out).execute(), out);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        try {
            List<Map<String, Object>> runs = sweep.run();
            return runs.stream().allMatch(r -> Boolean.TRUE.equals(r.get("valid"))) ? 0 : 1;
        } catch (DriveException | IOException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
    }
}
