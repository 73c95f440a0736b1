package org.wsinfer.reports.read;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The interval histograms of one HdrHistogram log, in file order, with absolute timestamps in epoch ms. */
public final class IntervalLog {

    /** Tag of the corrected end-to-end latency. */
    public static final String CORRECTED = "corrected";
    /** Tag of the uncorrected latency. */
    public static final String UNCORRECTED = "uncorrected";
    /** Tag of the server queue time. */
    public static final String SERVER_QUEUE = "server_queue";
    /** Tag of the server compute time. */
    public static final String SERVER_COMPUTE = "server_compute";

    private final double startTimeMs;
    private final List<Histogram> intervals;

    /** @param startTimeMs the log's StartTime in epoch ms (NaN when the log has none) */
    public IntervalLog(double startTimeMs, List<Histogram> intervals) {
        this.startTimeMs = startTimeMs;
        this.intervals = List.copyOf(intervals);
    }

    /** The log's StartTime in epoch ms, NaN when absent. */
    public double startTimeMs() {
        return startTimeMs;
    }

    /** Every interval histogram (each carries its tag and start/end timestamps). */
    public List<Histogram> intervals() {
        return intervals;
    }

    /** Tags in order of first appearance ({@code ""} for untagged intervals). */
    public Set<String> tags() {
        Set<String> tags = new LinkedHashSet<>();
        intervals.forEach(h -> tags.add(tagOf(h)));
        return tags;
    }

    /** The intervals with the given tag. */
    public List<Histogram> intervals(String tag) {
        List<Histogram> out = new ArrayList<>();
        for (Histogram h : intervals) {
            if (tagOf(h).equals(tag)) {
                out.add(h);
            }
        }
        return out;
    }

    /** Exact sum of all intervals with the given tag (an empty histogram when there are none). */
    public Histogram total(String tag) {
        List<Histogram> parts = intervals(tag);
        Histogram sum = new Histogram(parts.isEmpty() ? 3 : parts.get(0).getNumberOfSignificantValueDigits());
        for (Histogram h : parts) {
            sum.add(h);
        }
        sum.setTag(tag.isEmpty() ? null : tag);
        if (!parts.isEmpty()) {
            sum.setStartTimeStamp(parts.stream().mapToLong(Histogram::getStartTimeStamp).min().orElse(0));
            sum.setEndTimeStamp(parts.stream().mapToLong(Histogram::getEndTimeStamp).max().orElse(0));
        }
        return sum;
    }

    /** Earliest interval start in epoch ms (the StartTime when there are no intervals). */
    public long firstStartMs() {
        return intervals.stream().mapToLong(Histogram::getStartTimeStamp).min()
                .orElse(Double.isNaN(startTimeMs) ? 0 : (long) startTimeMs);
    }

    /** The tag of a histogram, {@code ""} when it has none. */
    public static String tagOf(Histogram h) {
        return h.getTag() == null ? "" : h.getTag();
    }
}
