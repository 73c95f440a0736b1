package org.wsinfer.loadtest.record;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One HdrHistogram {@link Recorder} per {@link Metric}: wait-free recording from the event loops, stable interval
 * histograms for the log, and the whole-run totals they add up to (fixed size, however long the run).
 */
public final class LatencyRecorders {
    private final Map<Metric, Recorder> recorders = new EnumMap<>(Metric.class);
    private final Map<Metric, Histogram> intervals = new EnumMap<>(Metric.class);
    private final Map<Metric, Histogram> totals = new EnumMap<>(Metric.class);

    /** Empty recorders and totals. */
    public LatencyRecorders() {
        for (Metric m : Metric.values()) {
            recorders.put(m, Histograms.newRecorder());
            totals.put(m, Histograms.newHistogram());
        }
    }

    /** Records one value (ns, clamped to the histogram's range); safe from any thread. */
    public void record(Metric metric, long valueNs) {
        recorders.get(metric).recordValue(Histograms.clamp(valueNs));
    }

    /** Forgets everything recorded so far and restarts the interval clock (before the schedule starts). */
    public synchronized void reset() {
        for (Metric m : Metric.values()) {
            recorders.get(m).reset();
            totals.get(m).reset();
        }
    }

    /**
     * Takes the interval histogram of every metric (values since the previous call), adds it to the totals and
     * returns it; the returned histograms are reused by the next call. One caller at a time.
     */
    public synchronized Map<Metric, Histogram> takeInterval() {
        Map<Metric, Histogram> out = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            Histogram h = recorders.get(m).getIntervalHistogram(intervals.get(m));
            intervals.put(m, h);
            h.setTag(m.tag());
            totals.get(m).add(h);
            out.put(m, h);
        }
        return out;
    }

    /** A copy of the whole-run histogram of {@code metric} (everything taken by {@link #takeInterval()}). */
    public synchronized Histogram total(Metric metric) {
        return totals.get(metric).copy();
    }

    /** The corrected p99 so far, us (from the intervals taken). */
    public synchronized double correctedP99SoFarUs() {
        Histogram h = totals.get(Metric.CORRECTED);
        return h.getTotalCount() == 0 ? 0.0 : h.getValueAtPercentile(99.0) / 1e3;
    }
}
