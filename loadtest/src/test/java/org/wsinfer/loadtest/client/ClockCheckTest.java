package org.wsinfer.loadtest.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clock offset from 1-second Date headers: intersected bounds narrow as samples straddle a tick. */
class ClockCheckTest {
    private static String date(long epochMs) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC));
    }

    /** A sample of a server whose clock is {@code offsetMs} ahead, sent at {@code t} with round trip 2 ms. */
    private static HttpProbe.ClockSample sample(long t, long offsetMs) {
        long serverReadAt = t + 1 + offsetMs;   // the server reads its clock mid-way
        return new HttpProbe.ClockSample(t, t + 2, 2.0, 200, date(serverReadAt / 1000 * 1000));
    }

    @Test
    void samplesAcrossASecondNarrowTheOffset() {
        long base = 1_800_000_000_000L;
        long offset = 250;
        ClockCheck one = ClockCheck.of(List.of(sample(base + 100, offset)));
        assertTrue(Math.abs(one.offsetMs() - offset) <= one.boundMs(), "the truth is within the bound");
        assertEquals(501.0, one.boundMs(), 1.0, "one sample: +- half a second");
        ClockCheck many = ClockCheck.of(List.of(sample(base + 100, offset), sample(base + 440, offset),
                sample(base + 780, offset), sample(base + 1120, offset)));
        assertTrue(Math.abs(many.offsetMs() - offset) <= many.boundMs(), many.toString());
        assertTrue(many.boundMs() < 200, "spread samples narrow the bound: " + many);
        assertEquals(4, many.samples());
    }

    @Test
    void noDateHeaderMeansUnknown() {
        ClockCheck c = ClockCheck.of(List.of(new HttpProbe.ClockSample(0, 1, 1.0, 200, null)));
        assertNull(c.offsetMs());
        assertEquals(0, c.samples());
    }
}
