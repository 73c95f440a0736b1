package org.wsinfer.reports.analysis;

import java.util.Arrays;

/** Median, minimum and maximum of one figure over the repeats of a run (NaN values ignored). */
public record Spread(double median, double min, double max, int n) {

    /** The spread of no values. */
    public static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN, 0);

    /** Spread of the finite values given. */
    public static Spread of(double... values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return NONE;
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
        return new Spread(median, v[0], v[v.length - 1], v.length);
    }

    /** True when there is at least one value. */
    public boolean present() {
        return n > 0;
    }

    /** Relative half-width of the spread, (max - min) / 2 / median; 0 for one value. */
    public double relativeHalfRange() {
        return n <= 1 || median == 0 ? 0 : (max - min) / 2.0 / Math.abs(median);
    }
}
