package org.wsinfer.reports.cli;

import org.wsinfer.reports.merge.DriveMerger;
import org.wsinfer.reports.merge.MergeConfig;
import org.wsinfer.reports.merge.MergeResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code merge RESULTS_DIR... --out DIR}: several injectors' drive folders into one. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge several load generators' drive folders into one: interval logs unioned (tags kept, "
                + "absolute timestamps), histograms added, counts summed, validity the worst of the parts.")
public final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR", description = "drive folders (or folders holding them)")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--max-clock-skew-ms", defaultValue = "1000", paramLabel = "MS",
            description = "warn when the injectors' clock.offsetMs differ by more than this (default: ${DEFAULT-VALUE}"
                    + " ms, the resolution of HTTP Date)")
    double maxClockSkewMs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MergeResult r = DriveMerger.merge(new MergeConfig(inputs, out, maxClockSkewMs));
        PrintWriter err = spec.commandLine().getErr();
        r.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
        PrintWriter w = spec.commandLine().getOut();
        r.mergedDirs().forEach(d -> w.println("merged: " + d));
        w.flush();
        return 0;
    }
}
