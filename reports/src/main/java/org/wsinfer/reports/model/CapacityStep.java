package org.wsinfer.reports.model;

/** One step of a capacity search: a drive run at one offered rate. */
public record CapacityStep(int step, String phase, double offeredHz, double achievedHz, double p50Us, double p99Us,
                           double p999Us, long errors, long timeouts, boolean valid, boolean passed, String dir) {
}
