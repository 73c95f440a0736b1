package org.wsinfer.loadtest.record;

/** The distributions one run records, with their interval-log tags and summary names. */
public enum Metric {
    /** Answer received - intended send time (coordinated-omission corrected). */
    CORRECTED("corrected", "corrected"),
    /** Answer received - actual send time. */
    UNCORRECTED("uncorrected", "uncorrected"),
    /** The server's queue_ns. */
    SERVER_QUEUE("server_queue", "serverQueue"),
    /** The server's compute_ns. */
    SERVER_COMPUTE("server_compute", "serverCompute"),
    /** Actual send time - intended send time: how far the driver is behind its own schedule. */
    SEND_LAG("send_lag", "sendLag");

    private final String tag;
    private final String summaryName;

    Metric(String tag, String summaryName) {
        this.tag = tag;
        this.summaryName = summaryName;
    }

    /** The tag in {@code latency.hlog}. */
    public String tag() {
        return tag;
    }

    /** The key in {@code summary.json}'s {@code latency} object. */
    public String summaryName() {
        return summaryName;
    }

    /** Whether this metric goes into {@code latency.hlog} (the four tags of docs/RESULTS.md). */
    public boolean logged() {
        return this != SEND_LAG;
    }
}
