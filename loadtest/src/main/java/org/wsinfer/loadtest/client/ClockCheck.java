package org.wsinfer.loadtest.client;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This injector's clock offset against the server, NTP-style, from the HTTP {@code Date} header of several
 * {@code GET /health} round trips. Date has 1 s resolution, so every sample only bounds the offset: the server's
 * clock read {@code D <= s < D + 1 s} somewhere between our send and receive times, giving
 * {@code offset in [D - received, D + 1000 - sent]} ms; the bounds of all samples are intersected, and the result is
 * the midpoint with half the interval's width as its error bound.
 *
 * @param offsetMs    server clock - local clock, ms (null when no sample had a Date header)
 * @param boundMs     the offset is within +- this, ms (null when unknown)
 * @param roundTripMs the smallest round trip, ms
 * @param samples     samples with a Date header
 */
public record ClockCheck(Double offsetMs, Double boundMs, double roundTripMs, int samples) {

    /** Combines samples; those without a parseable Date header are skipped. */
    public static ClockCheck of(List<HttpProbe.ClockSample> samples) {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double rtt = Double.POSITIVE_INFINITY;
        int n = 0;
        for (HttpProbe.ClockSample s : samples) {
            if (s.date() == null) {
                continue;
            }
            long serverMs;
            try {
                serverMs = ZonedDateTime.parse(s.date(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                continue;
            }
            lo = Math.max(lo, serverMs - s.receivedEpochMs());
            hi = Math.min(hi, serverMs + 1000.0 - s.sentEpochMs());
            rtt = Math.min(rtt, s.roundTripMs());
            n++;
        }
        if (n == 0) {
            return new ClockCheck(null, null, samples.isEmpty() ? 0.0 : minRtt(samples), 0);
        }
        if (lo > hi) { // inconsistent samples (a clock step): report the last interval's centre, unbounded
            return new ClockCheck((lo + hi) / 2.0, null, rtt, n);
        }
        return new ClockCheck((lo + hi) / 2.0, (hi - lo) / 2.0, rtt, n);
    }

    private static double minRtt(List<HttpProbe.ClockSample> samples) {
        return samples.stream().mapToDouble(HttpProbe.ClockSample::roundTripMs).min().orElse(0.0);
    }

    /** The {@code clock} object of {@code summary.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offsetMs", offsetMs);
        m.put("boundMs", boundMs);
        m.put("roundTripMs", roundTripMs);
        m.put("samples", samples);
        m.put("method", "HTTP Date header of GET /health, NTP-style midpoint, 1 s resolution");
        return m;
    }
}
