package org.wsinfer.loadtest.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When the schedule starts: an absolute instant ({@code 2026-12-04T10:00:00Z}) shared by several injectors, or a
 * delay after the connections are up ({@code +30s}).
 *
 * @param instant the absolute start, or null
 * @param delay   the delay after connecting, or null
 */
public record StartAt(Instant instant, Duration delay) {
    /** Exactly one of the two is given. */
    public StartAt {
        if ((instant == null) == (delay == null)) {
            throw new IllegalArgumentException("give either an instant or a delay");
        }
    }

    /** Parses {@code +30s} or an ISO-8601 instant. */
    public static StartAt parse(String text) {
        String t = text.trim();
        if (t.startsWith("+")) {
            return new StartAt(null, Durations.parse(t.substring(1)));
        }
        try {
            return new StartAt(Instant.parse(t), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is neither an ISO instant (2026-12-04T10:00:00Z) nor a delay (+30s)");
        }
    }

    /** The wall-clock start in epoch nanoseconds, for a run whose connections are up at {@code nowEpochNs}. */
    public long startEpochNs(long nowEpochNs) {
        if (delay != null) {
            return nowEpochNs + delay.toNanos();
        }
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public String toString() {
        return instant != null ? instant.toString() : "+" + Durations.format(delay);
    }
}
