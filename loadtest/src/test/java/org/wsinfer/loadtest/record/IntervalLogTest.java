package org.wsinfer.loadtest.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorders' intervals go into an HdrHistogram log that HdrHistogram's reader reads back, totals adding up. */
class IntervalLogTest {
    @TempDir
    Path tmp;

    @Test
    void intervalsAreTaggedAndAddUpToTheTotals() throws Exception {
        LatencyRecorders rec = new LatencyRecorders();
        Path file = tmp.resolve("latency.hlog");
        long start = System.currentTimeMillis();
        try (IntervalLog log = IntervalLog.create(file, start, "injector-7")) {
            for (int i = 1; i <= 3; i++) {
                for (int k = 0; k < 100 * i; k++) {
                    rec.record(Metric.CORRECTED, 1_000_000L * i);
                    rec.record(Metric.UNCORRECTED, 500_000L * i);
                    rec.record(Metric.SERVER_QUEUE, 1_200);
                    rec.record(Metric.SERVER_COMPUTE, 5_300);
                    rec.record(Metric.SEND_LAG, 10_000);
                }
                log.write(rec.takeInterval());
            }
        }
        rec.record(Metric.CORRECTED, -5);                       // clamped, never throws
        rec.record(Metric.CORRECTED, Long.MAX_VALUE);
        assertEquals(600, rec.total(Metric.CORRECTED).getTotalCount());
        assertEquals(3_000_000L, rec.total(Metric.CORRECTED).getMaxValue(), 3_000_000L / 500.0);

        String text = Files.readString(file);
        assertTrue(text.contains("#injector: injector-7"), text);
        assertTrue(text.contains("#[StartTime: "), text);
        assertTrue(!text.contains("send_lag"), "only the four documented tags are logged");
        Map<String, Histogram> totals = new HashMap<>();
        int intervals = 0;
        try (InputStream in = Files.newInputStream(file)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                intervals++;
                assertTrue(h.getStartTimeStamp() >= start, "intervals start at or after the log's start");
                totals.computeIfAbsent(h.getTag(), t -> Histograms.newHistogram()).add((Histogram) h);
            }
            assertEquals(start / 1000.0, reader.getStartTimeSec(), 0.001);
        }
        assertEquals(12, intervals);
        assertEquals(600, totals.get("corrected").getTotalCount());
        assertEquals(600, totals.get("uncorrected").getTotalCount());
        assertEquals(600, totals.get("server_queue").getTotalCount());
        assertEquals(600, totals.get("server_compute").getTotalCount());
        // 1 us lowest discernible value: the bottom buckets are 512 ns wide
        assertEquals(1_200, totals.get("server_queue").getValueAtPercentile(50), 512);
    }

    @Test
    void wireBytesFollowRfc6455() {
        assertEquals(2 + 4 + 80, WireBytes.frameBytes(80, true));
        assertEquals(2 + 36, WireBytes.frameBytes(36, false));
        assertEquals(4 + 4 + 126, WireBytes.frameBytes(126, true));
        assertEquals(4 + 65535, WireBytes.frameBytes(65535, false));
        assertEquals(10 + 4 + 65536, WireBytes.frameBytes(65536, true));
    }
}
