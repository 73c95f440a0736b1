package org.wsinfer.loadtest.schedule;

import java.util.Locale;

/** The arrival processes the driver offers. */
public enum Arrival {
    /** Evenly spaced requests. */
    CONSTANT,
    /** Exponentially distributed gaps (a Poisson process). */
    POISSON;

    /** Parses {@code constant} or {@code poisson} (any case). */
    public static Arrival parse(String s) {
        for (Arrival a : values()) {
            if (a.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("arrival must be constant or poisson, not '" + s + "'");
    }

    /** The lower-case name used in options and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A new schedule of this kind. */
    public Schedule newSchedule(double rateHz, long seed) {
        return this == CONSTANT ? new ConstantSchedule(rateHz) : new PoissonSchedule(rateHz, seed);
    }
}
