package org.wsinfer.reports.analysis;

import java.util.List;

/**
 * Offered rate against latency for one framing at one feature count, with its max sustainable rate at the SLO.
 *
 * @param maxSustainableHz the highest passing rate (NaN when none passed)
 * @param fromSearch       true when the max comes from a capacity search, false when read off a sweep
 */
public record CapacityCurve(String framing, int features, int rows, double sloP99Us, List<CurvePoint> points,
                            double maxSustainableHz, boolean fromSearch) {

    public CapacityCurve {
        points = List.copyOf(points);
    }
}
