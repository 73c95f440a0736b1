package org.wsinfer.loadtest.record;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The summary figures of one nanosecond histogram, in microseconds.
 *
 * @param count   values recorded
 * @param minUs   smallest value
 * @param meanUs  mean
 * @param p50Us   median
 * @param p90Us   90th percentile
 * @param p99Us   99th percentile
 * @param p999Us  99.9th percentile
 * @param p9999Us 99.99th percentile
 * @param maxUs   largest value
 */
public record PercentileStats(long count, double minUs, double meanUs, double p50Us, double p90Us, double p99Us,
                              double p999Us, double p9999Us, double maxUs) {

    /** The figures of {@code h} (all 0 when it is empty). */
    public static PercentileStats of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new PercentileStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new PercentileStats(h.getTotalCount(), us(h.getMinValue()), h.getMean() / 1e3,
                us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)),
                us(h.getValueAtPercentile(99.9)), us(h.getValueAtPercentile(99.99)), us(h.getMaxValue()));
    }

    private static double us(long ns) {
        return ns / 1e3;
    }

    /** The figures as the JSON object of {@code summary.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("minUs", minUs);
        m.put("meanUs", meanUs);
        m.put("p50Us", p50Us);
        m.put("p90Us", p90Us);
        m.put("p99Us", p99Us);
        m.put("p999Us", p999Us);
        m.put("p9999Us", p9999Us);
        m.put("maxUs", maxUs);
        return m;
    }
}
