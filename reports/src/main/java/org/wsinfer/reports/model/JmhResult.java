package org.wsinfer.reports.model;

import java.util.Map;
import java.util.TreeMap;

/** One JMH benchmark result ({@code -rf json}): score, its 99.9% error and unit, for one parameter combination. */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double scoreError,
                        String scoreUnit, int forks, int threads) {

    public JmhResult {
        params = new TreeMap<>(params);
    }

    /** The method name with its class, e.g. {@code CodecBench.decode} from {@code org.x.CodecBench.decode}. */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    /** Parameters as {@code k=v, k=v}, or empty. */
    public String paramsLabel() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** True when a larger score is better (throughput units like ops/s); false for time per operation. */
    public boolean higherIsBetter() {
        return JmhUnits.higherIsBetter(scoreUnit);
    }

    /** Identity of the result across runs: benchmark, mode and parameters. */
    public String id() {
        String p = paramsLabel();
        return shortName() + " [" + mode + "]" + (p.isEmpty() ? "" : " (" + p + ")");
    }

    /** Lower end of the error interval (score when the error is unknown). */
    public double lower() {
        return Double.isFinite(scoreError) ? score - scoreError : score;
    }

    /** Upper end of the error interval (score when the error is unknown). */
    public double upper() {
        return Double.isFinite(scoreError) ? score + scoreError : score;
    }
}
