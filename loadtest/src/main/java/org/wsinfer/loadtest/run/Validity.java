package org.wsinfer.loadtest.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of a run, as in MLPerf LoadGen: long enough, enough requests, the driver kept its schedule, no
 * connection failed, every answer matched the model (accuracy mode), every request accounted for.
 *
 * @param valid   whether no reason applies
 * @param reasons human-readable reasons the run is invalid
 */
public record Validity(boolean valid, List<String> reasons) {
    /** Share of the scheduled send rate the driver must achieve. */
    public static final double MIN_SEND_RATE_SHARE = 0.99;

    /** Copies the reasons. */
    public Validity {
        reasons = List.copyOf(reasons);
    }

    /** The facts a verdict is made from. */
    record Facts(long measuredDurationMs, long minDurationMs, long sent, long minRequests, double sendLagP99Us,
                 double maxSendLagP99Us, double achievedSendHz, double scheduledHz, long connectionFailures,
                 long mismatches, long accounted) {
    }

    /** Judges a run. */
    static Validity judge(Facts f) {
        List<String> reasons = new ArrayList<>();
        if (f.measuredDurationMs() < f.minDurationMs()) {
            reasons.add(String.format(Locale.US, "too short: measured %d ms < minimum %d ms",
                    f.measuredDurationMs(), f.minDurationMs()));
        }
        if (f.sent() < f.minRequests()) {
            reasons.add(String.format(Locale.US, "too few requests: %d < minimum %d", f.sent(), f.minRequests()));
        }
        if (f.sendLagP99Us() > f.maxSendLagP99Us()) {
            reasons.add(String.format(Locale.US,
                    "driver fell behind its schedule: send lag p99 %.1f us > %.1f us (the driver, not the server, was the limit)",
                    f.sendLagP99Us(), f.maxSendLagP99Us()));
        }
        if (f.sent() > 0 && f.achievedSendHz() < MIN_SEND_RATE_SHARE * f.scheduledHz()) {
            reasons.add(String.format(Locale.US,
                    "driver fell behind its schedule: achieved send rate %.1f/s < 99%% of the scheduled %.1f/s (the driver, not the server, was the limit)",
                    f.achievedSendHz(), f.scheduledHz()));
        }
        if (f.connectionFailures() > 0) {
            reasons.add(String.format(Locale.US, "%d connection failure(s) during the run", f.connectionFailures()));
        }
        if (f.mismatches() > 0) {
            reasons.add(String.format(Locale.US, "%d answer(s) did not match the model", f.mismatches()));
        }
        if (f.accounted() != f.sent()) {
            reasons.add(String.format(Locale.US, "accounting: ok + errors + timeouts + lost = %d != sent %d",
                    f.accounted(), f.sent()));
        }
        return new Validity(reasons.isEmpty(), reasons);
    }
}
