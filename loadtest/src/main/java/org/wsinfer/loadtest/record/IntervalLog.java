package org.wsinfer.loadtest.record;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code latency.hlog}: an HdrHistogram interval log ({@link HistogramLogWriter}) with one tagged histogram per
 * logged {@link Metric} and interval, its start time the measured phase's start.
 */
public final class IntervalLog implements Closeable {
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final long startEpochMs;
    private boolean first = true;

    private IntervalLog(OutputStream os, long startEpochMs, String injectorId) {
        this.out = new PrintStream(os, false, StandardCharsets.UTF_8);
        this.writer = new HistogramLogWriter(out);
        this.startEpochMs = startEpochMs;
        writer.outputComment("wsinfer drive interval log; values in nanoseconds");
        writer.outputComment("injector: " + injectorId);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMs);
        writer.setBaseTime(startEpochMs);
        writer.outputBaseTime(startEpochMs);
        writer.outputLegend();
        out.flush();
    }

    /** Creates {@code file} and writes the header: comments (injector id), format version, start and base time. */
    public static IntervalLog create(Path file, long startEpochMs, String injectorId) throws IOException {
        return new IntervalLog(Files.newOutputStream(file), startEpochMs, injectorId);
    }

    /** Writes the logged metrics of one interval; the first interval is stamped as starting at the log's start. */
    public synchronized void write(Map<Metric, Histogram> interval) {
        for (Map.Entry<Metric, Histogram> e : interval.entrySet()) {
            if (!e.getKey().logged()) {
                continue;
            }
            Histogram h = e.getValue();
            if (first || h.getStartTimeStamp() < startEpochMs) {
                h.setStartTimeStamp(startEpochMs);
            }
            if (h.getEndTimeStamp() < h.getStartTimeStamp()) {
                h.setEndTimeStamp(h.getStartTimeStamp());
            }
            writer.outputIntervalHistogram(h);
        }
        first = false;
        out.flush();
    }

    @Override
    public synchronized void close() {
        out.close();
    }
}
