package org.wsinfer.reports.analysis;

/** Latency at one offered rate, from a capacity step or a sweep/drive run. */
public record CurvePoint(double offeredHz, double achievedHz, double p50Us, double p99Us, double p999Us,
                         boolean passed, String source) {
}
