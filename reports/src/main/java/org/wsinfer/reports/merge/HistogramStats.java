package org.wsinfer.reports.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.wsinfer.reports.read.Json;

/** Writes the summary.json latency fields (µs) of a histogram recorded in nanoseconds. */
final class HistogramStats {

    private HistogramStats() {
    }

    /** The stats object: count, minUs, meanUs, p50Us, p90Us, p99Us, p999Us, p9999Us, maxUs. */
    static ObjectNode of(Histogram ns) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        long n = ns.getTotalCount();
        o.put("count", n);
        o.put("minUs", n == 0 ? 0 : ns.getMinValue() / 1000.0);
        o.put("meanUs", n == 0 ? 0 : ns.getMean() / 1000.0);
        o.put("p50Us", ns.getValueAtPercentile(50) / 1000.0);
        o.put("p90Us", ns.getValueAtPercentile(90) / 1000.0);
        o.put("p99Us", ns.getValueAtPercentile(99) / 1000.0);
        o.put("p999Us", ns.getValueAtPercentile(99.9) / 1000.0);
        o.put("p9999Us", ns.getValueAtPercentile(99.99) / 1000.0);
        o.put("maxUs", n == 0 ? 0 : ns.getMaxValue() / 1000.0);
        return o;
    }
}
