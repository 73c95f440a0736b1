package org.wsinfer.reports.compare;

import java.nio.file.Path;
import java.util.List;

/** The result of comparing a candidate results folder with a baseline. */
public record Comparison(Path baseline, Path candidate, Thresholds thresholds, List<MetricResult> metrics,
                         List<String> notes) {

    public Comparison {
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    /** The metrics that regressed. */
    public List<MetricResult> regressions() {
        return metrics.stream().filter(m -> m.verdict().fails()).toList();
    }

    /** True when nothing regressed. */
    public boolean passed() {
        return regressions().isEmpty();
    }
}
