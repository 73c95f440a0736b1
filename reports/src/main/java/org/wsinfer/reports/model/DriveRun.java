package org.wsinfer.reports.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Map;

/**
 * One {@code drive} run as read from its folder: summary.json figures plus where its interval log is.
 * {@code injectors} is the per-injector table of a merged run (a missing node otherwise).
 */
public record DriveRun(Path dir, RunKey key, String injectorId, String startedAt, long measuredDurationMs,
                       Counts counts, Rates rates, Map<String, LatencyStats> latency, WireBytes bytes,
                       Validity validity, double clockOffsetMs, JsonNode config, JsonNode environment,
                       Path intervalLog, JsonNode injectors) {

    /** Name of the corrected (coordinated-omission-free) end-to-end latency in {@link #latency()}. */
    public static final String CORRECTED = "corrected";
    /** Name of the uncorrected round-trip latency. */
    public static final String UNCORRECTED = "uncorrected";
    /** Name of the server queue time. */
    public static final String SERVER_QUEUE = "serverQueue";
    /** Name of the server compute time. */
    public static final String SERVER_COMPUTE = "serverCompute";
    /** Name of the driver's send lag. */
    public static final String SEND_LAG = "sendLag";

    public DriveRun {
        latency = Map.copyOf(latency);
    }

    /** The latency stats of the given name, or empty stats when the summary has none. */
    public LatencyStats stats(String name) {
        return latency.getOrDefault(name, LatencyStats.EMPTY);
    }

    /** The corrected end-to-end latency. */
    public LatencyStats corrected() {
        return stats(CORRECTED);
    }
}
