package org.wsinfer.loadtest.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outages of a run as the interval log sees them: an interval in which requests were due but no ok answer
 * arrived is an outage interval; consecutive ones make one outage (from the start of the first to the end of the
 * last, so the resolution is the log interval). Times are ms from the measured phase's start.
 */
public final class Availability {
    private static final long NONE = Long.MIN_VALUE;

    private final long measuredStartNs;
    private final List<long[]> outages = new ArrayList<>();
    private long outageFromNs = NONE;
    private long outageToNs;
    private int intervalsWithoutOk;
    private int intervals;

    /** Outages of a run whose measured phase starts at {@code measuredStartNs}. */
    public Availability(long measuredStartNs) {
        this.measuredStartNs = measuredStartNs;
    }

    /** One logged interval {@code [fromNs, toNs)} in which {@code sent} requests were due and {@code ok} answered. */
    public synchronized void interval(long fromNs, long toNs, long sent, long ok) {
        intervals++;
        if (ok == 0 && sent > 0) {
            intervalsWithoutOk++;
            if (outageFromNs == NONE) {
                outageFromNs = fromNs;
            }
            outageToNs = toNs;
        } else if (ok > 0) {
            closeOutage();
        }
    }

    private void closeOutage() {
        if (outageFromNs != NONE) {
            outages.add(new long[] {outageFromNs, outageToNs});
            outageFromNs = NONE;
        }
    }

    /** The longest outage in ms (0 when none). */
    public synchronized long longestOutageMs() {
        closeOutage();
        long max = 0;
        for (long[] o : outages) {
            max = Math.max(max, (o[1] - o[0]) / 1_000_000L);
        }
        return max;
    }

    /** {@code {"intervals", "intervalsWithoutOk", "longestOutageMs", "outages":[{"fromMs","toMs"}]}}. */
    public synchronized Map<String, Object> toMap() {
        closeOutage();
        List<Map<String, Object>> list = new ArrayList<>();
        for (long[] o : outages) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fromMs", (o[0] - measuredStartNs) / 1_000_000L);
            m.put("toMs", (o[1] - measuredStartNs) / 1_000_000L);
            list.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intervals", intervals);
        m.put("intervalsWithoutOk", intervalsWithoutOk);
        m.put("longestOutageMs", longestOutageMs());
        m.put("outages", list);
        return m;
    }
}
