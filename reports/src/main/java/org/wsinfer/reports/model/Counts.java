package org.wsinfer.reports.model;

import java.util.Map;

/** Request counts of a drive run's measured phase; {@code sent = ok + errors + timeouts + lost}. */
public record Counts(long sent, long ok, long errors, Map<String, Long> errorsByCode, long timeouts, long lost,
                     long connectionFailures, long warmupSent) {

    public Counts {
        errorsByCode = Map.copyOf(errorsByCode);
    }

    /** Requests that did not get a prediction: errors + timeouts + lost. */
    public long failed() {
        return errors + timeouts + lost;
    }
}
