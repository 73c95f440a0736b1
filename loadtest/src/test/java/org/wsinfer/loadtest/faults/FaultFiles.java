package org.wsinfer.loadtest.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;

/** Reads a drive run's summary and the per-interval ok counts of its interval log. */
final class FaultFiles {
    private FaultFiles() {
    }

    static JsonNode summary(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    /** The count of the {@code corrected} histogram of each logged interval, in log order (= ok answers). */
    static List<Long> okPerInterval(Path dir) throws IOException {
        List<Long> counts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(dir.resolve("latency.hlog"))) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if ("corrected".equals(h.getTag())) {
                    counts.add(((org.HdrHistogram.Histogram) h).getTotalCount());
                }
            }
        }
        return counts;
    }

    /** ok + errors + timeouts + lost. */
    static long accounted(JsonNode s) {
        JsonNode c = s.get("counts");
        return c.get("ok").asLong() + c.get("errors").asLong() + c.get("timeouts").asLong() + c.get("lost").asLong();
    }

    /** One line with the figures the lead quotes. */
    static String figures(String what, JsonNode s) {
        JsonNode c = s.get("counts");
        return String.format(java.util.Locale.US,
                "%s: sent %d, ok %d, errors %d, timeouts %d, lost %d (notSent %d), reconnects %d,"
                        + " connectionFailures %d, longest outage %d ms, intervals without ok %d",
                what, c.get("sent").asLong(), c.get("ok").asLong(), c.get("errors").asLong(),
                c.get("timeouts").asLong(), c.get("lost").asLong(), c.get("notSent").asLong(),
                c.get("reconnects").asLong(), c.get("connectionFailures").asLong(),
                s.at("/availability/longestOutageMs").asLong(), s.at("/availability/intervalsWithoutOk").asLong());
    }
}
