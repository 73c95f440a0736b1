package org.wsinfer.microbench.summary;

import java.util.Locale;

/** Number formatting for the summary tables ("-" for a value that was not measured). */
final class Fmt {
    private Fmt() {
    }

    /** Nanoseconds as microseconds with 3 decimals. */
    static String us(double ns) {
        return Double.isNaN(ns) ? "-" : String.format(Locale.US, "%.3f", ns / 1000.0);
    }

    /** Nanoseconds with 1 decimal. */
    static String ns(double ns) {
        return Double.isNaN(ns) ? "-" : String.format(Locale.US, "%.1f", ns);
    }

    /** A ratio with 2 decimals. */
    static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "-" : String.format(Locale.US, "%.2f", r);
    }

    /** A whole number (bytes). */
    static String count(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.US, "%.0f", v);
    }
}
