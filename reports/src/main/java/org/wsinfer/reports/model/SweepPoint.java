package org.wsinfer.reports.model;

/** One run listed in {@code sweep.json}. */
public record SweepPoint(String framing, int features, int rows, double rateHz, String dir, double achievedHz,
                         double p50Us, double p99Us, double requestWireBytes, boolean valid) {
}
