package org.wsinfer.loadtest.record;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** The one histogram shape of the driver: nanoseconds from 1 us to 1 h at 3 significant digits. */
public final class Histograms {
    /** Lowest discernible value, ns (1 us). */
    public static final long LOWEST_NS = 1_000L;
    /** Highest trackable value, ns (1 h); larger values are clamped to it. */
    public static final long HIGHEST_NS = 3_600_000_000_000L;
    /** Significant decimal digits. */
    public static final int DIGITS = 3;

    private Histograms() {
    }

    /** A new recorder of this shape. */
    public static Recorder newRecorder() {
        return new Recorder(LOWEST_NS, HIGHEST_NS, DIGITS);
    }

    /** A new histogram of this shape. */
    public static Histogram newHistogram() {
        return new Histogram(LOWEST_NS, HIGHEST_NS, DIGITS);
    }

    /** {@code valueNs} clamped into [0, {@link #HIGHEST_NS}]. */
    public static long clamp(long valueNs) {
        return valueNs < 0 ? 0 : Math.min(valueNs, HIGHEST_NS);
    }
}
