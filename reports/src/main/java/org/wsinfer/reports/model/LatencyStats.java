package org.wsinfer.reports.model;

/** Summary figures of one latency distribution, in microseconds (count is a number of samples). */
public record LatencyStats(long count, double minUs, double meanUs, double p50Us, double p90Us, double p99Us,
                           double p999Us, double p9999Us, double maxUs) {

    /** Stats with no samples: every figure NaN. */
    public static final LatencyStats EMPTY = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** True when at least one sample was recorded. */
    public boolean hasData() {
        return count > 0;
    }
}
