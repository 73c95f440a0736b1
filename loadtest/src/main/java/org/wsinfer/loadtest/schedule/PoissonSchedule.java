package org.wsinfer.loadtest.schedule;

import java.util.SplittableRandom;

/** Poisson arrivals: exponential gaps of mean {@code 1 / rate} drawn from a seeded {@link SplittableRandom}. */
public final class PoissonSchedule implements Schedule {
    private final double rateHz;
    private final double meanGapNs;
    private final SplittableRandom random;
    private double offsetNs;
    private boolean started;

    /** A schedule at mean {@code rateHz} requests per second; the same seed gives the same arrivals. */
    public PoissonSchedule(double rateHz, long seed) {
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("rate must be > 0, not " + rateHz);
        }
        this.rateHz = rateHz;
        this.meanGapNs = 1e9 / rateHz;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public long nextOffsetNs() {
        if (started) {
            // inverse CDF of the exponential distribution; 1 - u is in (0, 1], so the log is finite
            offsetNs += -Math.log(1.0 - random.nextDouble()) * meanGapNs;
        }
        started = true;
        return (long) offsetNs;
    }

    @Override
    public double rateHz() {
        return rateHz;
    }
}
