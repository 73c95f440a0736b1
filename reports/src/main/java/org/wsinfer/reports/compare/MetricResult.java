package org.wsinfer.reports.compare;

import org.wsinfer.reports.analysis.Spread;

/**
 * One metric compared: the baseline's and candidate's values (median with spread over repeats, or a JMH score
 * with its error as min/max), the relative change of the medians, the threshold used and the verdict with its reason.
 */
public record MetricResult(String group, String metric, String unit, boolean higherIsWorse, Spread baseline,
                           Spread candidate, double change, Double threshold, Verdict verdict, String reason) {
}
