package org.wsinfer.loadtest.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations written like {@code 250us}, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");

    private Durations() {
    }

    /** The duration {@code text} names; throws {@link IllegalArgumentException} with the expected form. */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a duration is required, e.g. 500ms, 30s, 2m");
        }
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration: write a number and a unit (ns, us, ms, s, m, h), e.g. 500ms, 30s, 2m");
        }
        double value = Double.parseDouble(m.group(1));
        double unitNs;
        switch (m.group(2)) {
            case "ns":
                unitNs = 1;
                break;
            case "us":
            case "µs":
                unitNs = 1e3;
                break;
            case "ms":
                unitNs = 1e6;
                break;
            case "s":
                unitNs = 1e9;
                break;
            case "m":
                unitNs = 60e9;
                break;
            default:
                unitNs = 3600e9;
                break;
        }
        double ns = value * unitNs;
        if (ns > Long.MAX_VALUE / 2.0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(Math.round(ns));
    }

    /** A short human form: {@code 250us}, {@code 1.5ms}, {@code 30s}. */
    public static String format(Duration d) {
        long ns = d.toNanos();
        if (ns % 3_600_000_000_000L == 0 && ns != 0) {
            return ns / 3_600_000_000_000L + "h";
        }
        if (ns % 60_000_000_000L == 0 && ns != 0) {
            return ns / 60_000_000_000L + "m";
        }
        if (ns >= 1_000_000_000L) {
            return trim(ns / 1e9) + "s";
        }
        if (ns >= 1_000_000L) {
            return trim(ns / 1e6) + "ms";
        }
        if (ns >= 1_000L) {
            return trim(ns / 1e3) + "us";
        }
        return ns + "ns";
    }

    private static String trim(double v) {
        String s = String.format(Locale.US, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
