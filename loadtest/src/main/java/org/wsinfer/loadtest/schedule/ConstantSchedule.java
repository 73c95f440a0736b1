package org.wsinfer.loadtest.schedule;

/** Evenly spaced arrivals: request k is intended at {@code k / rate} (computed from k, so no drift). */
public final class ConstantSchedule implements Schedule {
    private final double rateHz;
    private final double intervalNs;
    private long k;

    /** A schedule at {@code rateHz} requests per second. */
    public ConstantSchedule(double rateHz) {
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("rate must be > 0, not " + rateHz);
        }
        this.rateHz = rateHz;
        this.intervalNs = 1e9 / rateHz;
    }

    @Override
    public long nextOffsetNs() {
        return (long) (k++ * intervalNs);
    }

    @Override
    public double rateHz() {
        return rateHz;
    }
}
