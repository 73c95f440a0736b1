package org.wsinfer.reports.analysis;

import java.util.List;

/**
 * Offered rate against latency for one framing at one feature count, with its max sustainable rate at the SLO.
 *
 * @param maxSustainableHz the highest passing rate (NaN when none passed)
 * @param fromSearch       true when the max comes from a capacity search, false when read off a sweep
 */
public record CapacityCurve(String framing, int features, int rows, double sloP99Us, List<CurvePoint> points,
                            double maxSustainableHz, boolean fromSearch, boolean limitedByDriver) {

    public CapacityCurve {
        points = List.copyOf(points);
    }

    /** A curve that is not known to be driver-limited. */
    public CapacityCurve(String framing, int features, int rows, double sloP99Us, List<CurvePoint> points,
                         double maxSustainableHz, boolean fromSearch) {
        this(framing, features, rows, sloP99Us, points, maxSustainableHz, fromSearch, false);
    }

    /** True when some rate passed. */
    public boolean hasMax() {
        return Double.isFinite(maxSustainableHz) && maxSustainableHz > 0;
    }

    /** The max sustainable rate in words: {@code 12,000 req/s} or {@code no passing rate (driver-limited)}. */
    public String maxLabel() {
        return hasMax() ? org.wsinfer.reports.text.Fmt.rate(maxSustainableHz) + " req/s"
                : "no passing rate" + (limitedByDriver ? " (driver-limited)" : "");
    }
}
