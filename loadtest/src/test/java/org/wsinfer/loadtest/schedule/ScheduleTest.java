package org.wsinfer.loadtest.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The arrival processes: exact constant spacing; seeded Poisson with the right mean and exponential gaps. */
class ScheduleTest {
    @Test
    void constantScheduleIsEvenlySpacedWithoutDrift() {
        Schedule s = new ConstantSchedule(3000);   // 333333.33 ns apart
        long[] first = new long[4];
        for (int i = 0; i < 4; i++) {
            first[i] = s.nextOffsetNs();
        }
        assertArrayEquals(new long[] {0, 333_333, 666_666, 1_000_000}, first);
        long last = 0;
        for (int i = 4; i <= 3_000_000; i++) {
            last = s.nextOffsetNs();
        }
        assertEquals(1_000_000_000_000L, last, 1, "request 3e6 is intended at exactly 1000 s: no accumulated drift");
    }

    @Test
    void poissonMeanRateIsWithinTolerance() {
        double rate = 5000;
        int n = 200_000;
        Schedule s = new PoissonSchedule(rate, 42);
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = s.nextOffsetNs();
        }
        double achieved = (n - 1) / (last / 1e9);
        // the mean of n exponential gaps has a relative sd of 1/sqrt(n) = 0.22%: 1% is > 4 sd
        assertEquals(rate, achieved, rate * 0.01);
    }

    @Test
    void poissonGapsAreExponential() {
        double rate = 1000;
        int n = 50_000;
        double[] gaps = gaps(new PoissonSchedule(rate, 7), n);
        double mean = Arrays.stream(gaps).average().orElseThrow();
        double var = Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / (n - 1);
        double cv = Math.sqrt(var) / mean;
        assertEquals(1.0, cv, 0.03, "the coefficient of variation of exponential gaps is 1");

        // Kolmogorov-Smirnov against Exp(rate): D * sqrt(n) < 1.63 is the 1% critical value
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double d = 0;
        double meanGapNs = 1e9 / rate;
        for (int i = 0; i < n; i++) {
            double cdf = 1 - Math.exp(-sorted[i] / meanGapNs);
            d = Math.max(d, Math.max(Math.abs(cdf - (double) i / n), Math.abs((double) (i + 1) / n - cdf)));
        }
        assertTrue(d * Math.sqrt(n) < 1.63, "KS statistic " + d * Math.sqrt(n));
        // and constant gaps fail the same test, so the test can fail
        double[] constant = gaps(new ConstantSchedule(rate), n);
        Arrays.sort(constant);
        double dc = 0;
        for (int i = 0; i < n; i++) {
            double cdf = 1 - Math.exp(-constant[i] / meanGapNs);
            dc = Math.max(dc, Math.abs(cdf - (double) i / n));
        }
        assertTrue(dc * Math.sqrt(n) > 1.63, "constant gaps are not exponential");
    }

    @Test
    void poissonIsReproducibleFromItsSeed() {
        long[] a = offsets(new PoissonSchedule(100, 3), 1000);
        long[] b = offsets(new PoissonSchedule(100, 3), 1000);
        long[] c = offsets(new PoissonSchedule(100, 4), 1000);
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, c));
        assertEquals(0, a[0], "the first request is at the start");
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] >= a[i - 1], "offsets never decrease");
        }
    }

    @Test
    void badRatesAndNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(0));
        assertThrows(IllegalArgumentException.class, () -> new PoissonSchedule(Double.NaN, 1));
        assertEquals(Arrival.POISSON, Arrival.parse("Poisson"));
        assertThrows(IllegalArgumentException.class, () -> Arrival.parse("bursty"));
    }

    private static double[] gaps(Schedule s, int n) {
        long[] o = offsets(s, n + 1);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = o[i + 1] - o[i];
        }
        return g;
    }

    private static long[] offsets(Schedule s, int n) {
        long[] o = new long[n];
        for (int i = 0; i < n; i++) {
            o[i] = s.nextOffsetNs();
        }
        return o;
    }
}
