package org.wsinfer.reports.model;

import java.util.Locale;

/** The configuration that makes drive runs repeats of each other (RESULTS.md: framing, features, rows, rate, connections, url). */
public record RunKey(String framing, int features, int rows, double offeredHz, int connections, String url) {

    /** Short human label, e.g. {@code binary f16 r1000}. */
    public String label() {
        return String.format(Locale.US, "%s f%d%s r%s%s", framing, features, rows == 1 ? "" : " x" + rows,
                rate(offeredHz), connections > 0 ? " c" + connections : "");
    }

    /** Folder-friendly name, e.g. {@code binary-f16-r1000}. */
    public String slug() {
        return String.format(Locale.US, "%s-f%d%s-r%s", framing, features, rows == 1 ? "" : "-x" + rows, rate(offeredHz));
    }

    /** The same key without the fields that differ between machines (url) — used to pair runs across folders. */
    public RunKey portable() {
        return new RunKey(framing, features, rows, offeredHz, connections, "");
    }

    /** The same key with another framing (used when comparing a binary baseline to a text candidate). */
    public RunKey withFraming(String otherFraming) {
        return new RunKey(otherFraming, features, rows, offeredHz, connections, url);
    }

    private static String rate(double hz) {
        return hz == Math.rint(hz) ? String.format(Locale.US, "%d", (long) hz) : String.format(Locale.US, "%.1f", hz);
    }
}
