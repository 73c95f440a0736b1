package org.wsinfer.reports.analysis;

import org.HdrHistogram.Histogram;
import org.wsinfer.reports.model.DriveRun;
import org.wsinfer.reports.model.LatencyStats;
import org.wsinfer.reports.model.RunKey;
import org.wsinfer.reports.read.IntervalLog;
import org.wsinfer.reports.read.IntervalLogReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The repeats of one configuration (same {@link RunKey}); figures are shown as median with spread. The label is the
 * key's, with the server address added when two groups differ only in their url.
 */
public record RunGroup(RunKey key, List<DriveRun> runs, String label) {

    public RunGroup {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a run group needs at least one run");
        }
    }

    /** A group labelled by its key. */
    public RunGroup(RunKey key, List<DriveRun> runs) {
        this(key, runs, key.label());
    }

    /** Spread of a figure over the repeats. */
    public Spread spread(ToDoubleFunction<DriveRun> figure) {
        return Spread.of(runs.stream().mapToDouble(figure).toArray());
    }

    /** Spread of a corrected-latency figure over the repeats. */
    public Spread latency(ToDoubleFunction<LatencyStats> figure) {
        return spread(r -> figure.applyAsDouble(r.corrected()));
    }

    /** Sum of a count over the repeats. */
    public long total(ToDoubleFunction<DriveRun> count) {
        return (long) runs.stream().mapToDouble(count).sum();
    }

    /** True when every repeat is valid. */
    public boolean valid() {
        return runs.stream().allMatch(r -> r.validity().valid());
    }

    /** The distinct invalidity reasons of the repeats. */
    public List<String> reasons() {
        List<String> out = new ArrayList<>();
        runs.forEach(r -> r.validity().reasons().forEach(reason -> {
            if (!out.contains(reason)) {
                out.add(reason);
            }
        }));
        return out;
    }

    /** Number of repeats. */
    public int repeats() {
        return runs.size();
    }

    /** The framing of the runs. */
    public String framing() {
        return key.framing();
    }

    /** Exact sum of the corrected histograms (ns) of every repeat that has an interval log; empty if none. */
    public Optional<Histogram> correctedHistogram() {
        Histogram sum = null;
        for (DriveRun run : runs) {
            if (run.intervalLog() == null) {
                continue;
            }
            Histogram h = IntervalLogReader.read(run.intervalLog()).total(IntervalLog.CORRECTED);
            if (h.getTotalCount() == 0) {
                continue;
            }
            if (sum == null) {
                sum = new Histogram(h.getNumberOfSignificantValueDigits());
            }
            sum.add(h);
        }
        return Optional.ofNullable(sum);
    }

    /** The first repeat that has an interval log. */
    public Optional<DriveRun> firstWithLog() {
        return runs.stream().filter(r -> r.intervalLog() != null).findFirst();
    }
}
