package org.wsinfer.reports.read;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an HdrHistogram interval log ({@code latency.hlog}) with HdrHistogram's own {@link HistogramLogReader}. */
public final class IntervalLogReader {

    private IntervalLogReader() {
    }

    /** Reads every interval; values stay in the log's unit (nanoseconds for drive runs). */
    public static IntervalLog read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "file not found");
        }
        List<Histogram> intervals = new ArrayList<>();
        HistogramLogReader reader;
        try {
            reader = new HistogramLogReader(file.toFile());
        } catch (FileNotFoundException e) {
            throw new InputException(file, "cannot open", e);
        }
        try {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (!(h instanceof Histogram histogram)) {
                    throw new InputException(file, "expected integer-valued histograms, found "
                            + h.getClass().getSimpleName());
                }
                intervals.add(histogram);
            }
            double startSec = reader.getStartTimeSec();
            return new IntervalLog(startSec > 0 ? startSec * 1000.0 : Double.NaN, intervals);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(file, "not a readable HdrHistogram log: " + e, e);
        } finally {
            reader.close();
        }
    }
}
