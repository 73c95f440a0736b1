package org.wsinfer.reports.model;

/** Reads the direction of a JMH score unit: {@code ops/s} is higher-better, {@code us/op} is lower-better. */
public final class JmhUnits {

    private JmhUnits() {
    }

    /** True for throughput units ({@code ops/time}), false for time per operation ({@code time/op}) and others. */
    public static boolean higherIsBetter(String unit) {
        String u = unit == null ? "" : unit.trim().toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("ops/");
    }
}
