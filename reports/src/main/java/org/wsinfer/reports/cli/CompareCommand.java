package org.wsinfer.reports.cli;

import org.wsinfer.reports.compare.CompareConfig;
import org.wsinfer.reports.compare.CompareWriters;
import org.wsinfer.reports.compare.Comparison;
import org.wsinfer.reports.compare.MetricResult;
import org.wsinfer.reports.compare.ResultsComparator;
import org.wsinfer.reports.compare.Thresholds;
import org.wsinfer.reports.text.Fmt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code compare BASELINE CANDIDATE --out DIR}: exit 0 within thresholds, 1 on regression, 2 on bad input. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare a candidate results folder with a baseline; writes compare.md, compare.json and "
                + "compare-junit.xml. Exit 0: within thresholds, 1: regression, 2: bad input.")
public final class CompareCommand implements Callable<Integer> {

    /** Exit code for a regression. */
    public static final int REGRESSION = 1;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "baseline results folder")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "candidate results folder")
    Path candidate;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--max-regress", paramLabel = "K=N%,...", defaultValue = "",
            description = "thresholds overriding the defaults " + Thresholds.DEFAULTS_ESCAPED
                    + "; keys p50,p90,p99,p999,max,throughput,bytes,jmh; 'off' disables one")
    String maxRegress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CompareConfig config = new CompareConfig(baseline, candidate, out, Thresholds.parse(maxRegress));
        Comparison c = ResultsComparator.compare(config);
        CompareWriters.writeAll(c, out, Clock.systemUTC().instant());
        PrintWriter w = spec.commandLine().getOut();
        for (MetricResult m : c.regressions()) {
            w.printf("REGRESSION %s %s: %s (%s)%n", m.group(), m.metric(), m.reason(), Fmt.change(m.change()));
        }
        w.printf("compare: %s, %d regressions; %s%n", c.passed() ? "PASS" : "REGRESSION", c.regressions().size(),
                out.resolve(CompareWriters.MD));
        w.flush();
        return c.passed() ? 0 : REGRESSION;
    }
}
