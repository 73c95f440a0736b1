package org.wsinfer.loadtest.gatling;

import java.util.Locale;

/** How {@link PredictSimulation} injects users: an arrival rate (open) or a fixed number of concurrent users (closed). */
public enum Workload {
    /** {@code injectOpen(rampUsersPerSec(...), constantUsersPerSec(...))}: users arrive regardless of answers. */
    OPEN,
    /** {@code injectClosed(constantConcurrentUsers(...))}: a finished user is replaced by a new one. */
    CLOSED;

    /** Parses {@code open} or {@code closed} (any case). */
    public static Workload parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "open":
                return OPEN;
            case "closed":
                return CLOSED;
            default:
                throw new IllegalArgumentException(GatlingSettings.PREFIX + "workload '" + text + "' must be open or closed");
        }
    }

    /** The lower-case name used in properties. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
