package org.wsinfer.loadtest.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.wsinfer.loadtest.capacity.CapacityOptions;
import org.wsinfer.loadtest.capacity.CapacitySearch;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.run.DriveException;
import org.wsinfer.loadtest.run.DriveRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code capacity}: the highest rate whose corrected p99 stays under an SLO. Exit 0 found, 1 none passed, 2 usage. */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = "Ladder then binary search for the max rate with corrected p99 < --slo-p99 and no errors;"
                + " each step a drive run in --out/step-NN-r<rate>; writes capacity.json.")
final class CapacityCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    CommonOptions common;

    @Mixin
    PayloadOptions payload;

    @Option(names = "--slo-p99", required = true, description = "corrected p99 bound, e.g. 2ms",
            converter = Converters.DurationConverter.class)
    Duration sloP99;

    @Option(names = "--start-rate", description = "first ladder rate (default: ${DEFAULT-VALUE})", defaultValue = "1000")
    double startRate;

    @Option(names = "--max-rate", description = "highest rate tried (default: ${DEFAULT-VALUE})", defaultValue = "1000000")
    double maxRate;

    @Option(names = "--step-factor", description = "ladder multiplier (default: ${DEFAULT-VALUE})", defaultValue = "2")
    double stepFactor;

    @Option(names = "--precision", description = "binary search precision, req/s (default: ${DEFAULT-VALUE})",
            defaultValue = "100")
    double precision;

    @Option(names = "--max-steps", description = "at most this many drive runs (default: ${DEFAULT-VALUE})",
            defaultValue = "30")
    int maxSteps;

    @Option(names = "--cooldown", description = "pause between steps (default: ${DEFAULT-VALUE})", defaultValue = "1s",
            converter = Converters.DurationConverter.class)
    Duration cooldown;

    @Option(names = "--out", description = "results folder (default: ${DEFAULT-VALUE})", defaultValue = "results/capacity")
    Path outDir;

    CapacityCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        CapacitySearch search;
        try {
            DriverConfig base = payload.applyTo(common.toBuilder()).rateHz(startRate)
                    .outDir(outDir).build();
            CapacityOptions options = new CapacityOptions(sloP99, startRate, maxRate, stepFactor, precision, maxSteps,
                    cooldown);
            out.println("capacity: " + options);
            search = new CapacitySearch(base, options, cfg -> new DriveRun(cfg, NanoClock.system(), out).execute(), out);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        try {
            return search.run().maxSustainableRateHz() > 0 ? 0 : 1;
        } catch (DriveException | IOException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
    }
}
