package org.wsinfer.loadtest.capacity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.wsinfer.loadtest.config.Durations;

/**
 * The immutable, validated options of a capacity search (LoadGen's FindPeakPerformance): a rising ladder from
 * {@code startRateHz} multiplied by {@code stepFactor} until a step fails, then a binary search between the last
 * passing and the first failing rate until they are {@code precisionHz} apart.
 *
 * @param sloP99      the corrected p99 every passing step stays under
 * @param startRateHz first rate of the ladder
 * @param maxRateHz   the ladder stops here
 * @param stepFactor  ladder multiplier, > 1
 * @param precisionHz the binary search stops when the bracket is this narrow
 * @param maxSteps    at most this many drive runs
 * @param cooldown    pause between steps
 */
public record CapacityOptions(Duration sloP99, double startRateHz, double maxRateHz, double stepFactor,
                              double precisionHz, int maxSteps, Duration cooldown) {
    /** Validates every field; messages name the option. */
    public CapacityOptions {
        require(sloP99 != null && !sloP99.isNegative() && !sloP99.isZero(), "--slo-p99 must be > 0");
        require(startRateHz > 0 && Double.isFinite(startRateHz), "--start-rate must be > 0");
        require(maxRateHz >= startRateHz && Double.isFinite(maxRateHz), "--max-rate must be >= --start-rate");
        require(stepFactor > 1.0 && stepFactor <= 100, "--step-factor must be > 1 and <= 100");
        require(precisionHz > 0, "--precision must be > 0");
        require(maxSteps >= 1 && maxSteps <= 1000, "--max-steps must be 1..1000");
        require(cooldown != null && !cooldown.isNegative(), "--cooldown must be >= 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The SLO in microseconds. */
    public double sloP99Us() {
        return sloP99.toNanos() / 1e3;
    }

    /** The options as JSON fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sloP99Us", sloP99Us());
        m.put("startRateHz", startRateHz);
        m.put("maxRateHz", maxRateHz);
        m.put("stepFactor", stepFactor);
        m.put("precisionHz", precisionHz);
        m.put("maxSteps", maxSteps);
        m.put("cooldownMs", cooldown.toMillis());
        return m;
    }

    @Override
    public String toString() {
        return String.format(Locale.US, "CapacityOptions{sloP99=%s, startRate=%.1f, maxRate=%.1f, stepFactor=%.2f,"
                        + " precision=%.1f, maxSteps=%d, cooldown=%s}", Durations.format(sloP99), startRateHz, maxRateHz,
                stepFactor, precisionHz, maxSteps, Durations.format(cooldown));
    }
}
