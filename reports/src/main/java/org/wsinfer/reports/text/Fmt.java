package org.wsinfer.reports.text;

import java.util.Locale;

/** Number formatting for reports, always {@link Locale#US}; NaN prints as an em dash. */
public final class Fmt {

    /** What a missing figure prints as. */
    public static final String NA = "—";

    private Fmt() {
    }

    /** A latency in µs with sensible precision (no unit). */
    public static String us(double us) {
        if (!Double.isFinite(us)) {
            return NA;
        }
        if (us >= 1000) {
            return String.format(Locale.US, "%,.0f", us);
        }
        return us >= 100 ? String.format(Locale.US, "%.0f", us) : String.format(Locale.US, "%.1f", us);
    }

    /** A rate in req/s with thousands separators (no unit). */
    public static String rate(double hz) {
        if (!Double.isFinite(hz)) {
            return NA;
        }
        return hz >= 100 ? String.format(Locale.US, "%,.0f", hz) : String.format(Locale.US, "%.1f", hz);
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** Bytes, one decimal when fractional. */
    public static String bytes(double b) {
        if (!Double.isFinite(b)) {
            return NA;
        }
        return b == Math.rint(b) ? String.format(Locale.US, "%,.0f", b) : String.format(Locale.US, "%,.1f", b);
    }

    /** A ratio such as {@code 0.62x} or {@code 3.4x}. */
    public static String ratio(double r) {
        if (!Double.isFinite(r)) {
            return NA;
        }
        return r < 10 ? String.format(Locale.US, "%.2fx", r) : String.format(Locale.US, "%.1fx", r);
    }

    /** A signed relative change, e.g. {@code +12.3%}. */
    public static String change(double relative) {
        if (!Double.isFinite(relative)) {
            return NA;
        }
        return String.format(Locale.US, "%+.1f%%", relative * 100.0);
    }

    /** A percentage of a fraction, e.g. {@code 5%} from 0.05. */
    public static String percent(double fraction) {
        double p = fraction * 100.0;
        return p == Math.rint(p) ? String.format(Locale.US, "%.0f%%", p) : String.format(Locale.US, "%.1f%%", p);
    }

    /** A generic number with up to 3 significant decimals. */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return NA;
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.US, "%,d", (long) v);
        }
        if (a >= 1000) {
            return String.format(Locale.US, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.US, "%.1f", v);
        }
        return a >= 0.1 || a == 0 ? String.format(Locale.US, "%.3f", v) : String.format(Locale.US, "%.3g", v);
    }

    /** A latency bound in the largest readable unit: {@code 2 ms}, {@code 500 µs}. */
    public static String duration(double us) {
        if (us >= 1000 && us % 100 == 0) {
            double ms = us / 1000.0;
            return (ms == Math.rint(ms) ? String.format(Locale.US, "%.0f", ms) : String.format(Locale.US, "%.1f", ms))
                    + " ms";
        }
        return us(us) + " µs";
    }
}
