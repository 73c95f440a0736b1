package org.wsinfer.loadtest.soak;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.wsinfer.loadtest.config.Durations;

/**
 * The immutable, validated options of a soak: {@code total} split into drive segments of {@code segment} each, at a
 * fixed rate; the drift verdict compares the mean corrected p99 of the last {@code driftSegments} segments with that
 * of the first ones.
 *
 * @param total            the whole soak (a whole number of segments; a remainder is dropped)
 * @param segment          the measured phase of one drive segment
 * @param driftThreshold   last/first p99 ratio above which the verdict is {@code DRIFT}
 * @param driftSegments    segments averaged at each end (at most a third of them are used)
 */
public record SoakOptions(Duration total, Duration segment, double driftThreshold, int driftSegments) {
    /** Validates every field; messages name the option. */
    public SoakOptions {
        require(segment != null && !segment.isNegative() && !segment.isZero(), "--segment must be > 0");
        require(total != null && total.compareTo(segment) >= 0, "--duration must be at least one --segment");
        require(total.dividedBy(segment) <= 100_000, "--duration / --segment must be at most 100000 segments");
        require(driftThreshold > 1.0 && Double.isFinite(driftThreshold), "--drift-threshold must be > 1");
        require(driftSegments >= 1, "--drift-segments must be >= 1");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The number of segments. */
    public int segments() {
        return (int) total.dividedBy(segment);
    }

    /** The segments averaged at each end of the drift comparison: driftSegments, at most a third (at least 1). */
    public int endSegments() {
        return Math.max(1, Math.min(driftSegments, segments() / 3));
    }

    /** The options as JSON fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalMs", total.toMillis());
        m.put("segmentMs", segment.toMillis());
        m.put("segments", segments());
        m.put("driftThreshold", driftThreshold);
        m.put("driftSegments", endSegments());
        return m;
    }

    @Override
    public String toString() {
        return String.format(Locale.US, "SoakOptions{total=%s, segment=%s, segments=%d, driftThreshold=%.2f,"
                + " driftSegments=%d}", Durations.format(total), Durations.format(segment), segments(),
                driftThreshold, endSegments());
    }
}
