package org.wsinfer.loadtest.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.wsinfer.loadtest.client.ClientTls;
import org.wsinfer.loadtest.client.HttpProbe;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.run.DriveException;
import org.wsinfer.loadtest.run.DriveRun;
import org.wsinfer.loadtest.soak.CapacityFile;
import org.wsinfer.loadtest.soak.SoakOptions;
import org.wsinfer.loadtest.soak.SoakRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code soak}: drive segments back to back, server memory from /metrics, drift verdict. Exit 0 stable, 1 not, 2 usage. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Long run (e.g. --duration 30m) as --segment drive runs at --rate or --capacity-fraction of"
                + " a capacity.json; scrapes /metrics after each; writes soak.json with a latency drift verdict.")
final class SoakCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    CommonOptions common;

    @Mixin
    PayloadOptions payload;

    @Option(names = "--rate", description = "requests per second (else --capacity-fraction of --capacity)")
    Double rateHz;

    @Option(names = "--capacity", description = "capacity.json of a capacity run, for --capacity-fraction")
    Path capacityFile;

    @Option(names = "--capacity-fraction", description = "fraction of the measured capacity (default: ${DEFAULT-VALUE})",
            defaultValue = "0.5")
    double capacityFraction;

    @Option(names = "--segment", description = "measured length of one drive segment (default: ${DEFAULT-VALUE})",
            defaultValue = "1m", converter = Converters.DurationConverter.class)
    Duration segment;

    @Option(names = "--drift-threshold", description = "last/first p99 ratio beyond which it drifts"
            + " (default: ${DEFAULT-VALUE})", defaultValue = "1.5")
    double driftThreshold;

    @Option(names = "--drift-segments", description = "segments averaged at each end (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int driftSegments;

    @Option(names = "--out", description = "results folder (default: ${DEFAULT-VALUE})", defaultValue = "results/soak")
    Path outDir;

    SoakCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        DriverConfig base;
        SoakOptions options;
        HttpProbe probe;
        try {
            double rate = rate();
            base = payload.applyTo(common.toBuilder()).rateHz(rate).outDir(outDir).build();
            options = new SoakOptions(base.duration(), segment, driftThreshold, driftSegments);
            probe = new HttpProbe(base.url(), new ClientTls(base.insecure(), base.trustCert()), Duration.ofSeconds(5));
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        out.println("soak: " + options + " at " + String.format(Locale.US, "%.1f", base.rateHz()) + " req/s");
        SoakRun.Scraper scraper = () -> {
            try {
                return probe.metricsAsync().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while scraping /metrics", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException(e.getCause() == null ? e.toString() : e.getCause().getMessage(), e);
            }
        };
        try {
            return new SoakRun(base, options, cfg -> new DriveRun(cfg, NanoClock.system(), out).execute(), scraper, out)
                    .run().exitCode();
        } catch (DriveException | IOException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
    }

    private double rate() throws IOException {
        if (rateHz != null) {
            return rateHz;
        }
        if (capacityFile == null) {
            throw new IllegalArgumentException("give --rate, or --capacity FILE (with --capacity-fraction)");
        }
        if (!(capacityFraction > 0 && capacityFraction <= 1)) {
            throw new IllegalArgumentException("--capacity-fraction must be in (0, 1], not " + capacityFraction);
        }
        double rate = CapacityFile.maxSustainableRateHz(capacityFile) * capacityFraction;
        out.println(String.format(Locale.US, "soak rate: %.1f req/s = %.2f x capacity of %s", rate, capacityFraction,
                capacityFile));
        return rate;
    }
}
