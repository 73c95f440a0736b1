package org.wsinfer.loadtest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.wsinfer.loadtest.record.Histograms;

/** Reads a drive run's files back the way other tools do: Jackson for the summary, HdrHistogram's own log reader. */
final class RunFiles {
    private RunFiles() {
    }

    static JsonNode summary(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    /** The whole-run histogram of every tag in {@code latency.hlog}, read with {@link HistogramLogReader}. */
    static Map<String, Histogram> logTotals(Path dir) throws IOException {
        Map<String, Histogram> totals = new HashMap<>();
        try (InputStream in = Files.newInputStream(dir.resolve("latency.hlog"))) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                totals.computeIfAbsent(h.getTag(), t -> Histograms.newHistogram()).add((Histogram) h);
            }
        }
        return totals;
    }

    /** {@code counts.ok + errors + timeouts + lost}. */
    static long accounted(JsonNode s) {
        JsonNode c = s.get("counts");
        return c.get("ok").asLong() + c.get("errors").asLong() + c.get("timeouts").asLong() + c.get("lost").asLong();
    }
}
