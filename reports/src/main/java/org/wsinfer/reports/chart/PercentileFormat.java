package org.wsinfer.reports.chart;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/** Formats HdrHistogram's classic percentile axis value x = 1/(1-p) as the percentile: 10 → 90%, 1000 → 99.9%. */
public final class PercentileFormat extends NumberFormat {

    private static final long serialVersionUID = 1L;

    /** The axis value of a percentile given in percent (e.g. 99.9 → 1000). */
    public static double toAxis(double percentile) {
        return 1.0 / (1.0 - percentile / 100.0);
    }

    /** The percentile (in percent) of an axis value. */
    public static double fromAxis(double x) {
        return 100.0 * (1.0 - 1.0 / x);
    }

    /** The label of an axis value, e.g. {@code 99.99%}. */
    public static String label(double x) {
        double p = fromAxis(x);
        if (p <= 0) {
            return "0%";
        }
        // as many decimals as the number of nines needs
        int decimals = Math.max(0, (int) Math.round(Math.log10(x)) - 2);
        String s = String.format(Locale.US, "%." + decimals + "f", p);
        return s + "%";
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(label(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("labels only");
    }
}
