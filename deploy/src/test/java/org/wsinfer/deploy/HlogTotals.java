package org.wsinfer.deploy;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code latency.hlog} files with HdrHistogram's own {@link HistogramLogReader}, independently of reports. */
final class HlogTotals {

    /** One log: its StartTime (epoch ms) and its intervals of one tag, in file order. */
    record TaggedLog(double startTimeMs, List<Histogram> intervals) {
    }

    private HlogTotals() {
    }

    /** The intervals tagged {@code tag} of {@code file}, and the log's StartTime. */
    static TaggedLog read(Path file, String tag) throws FileNotFoundException {
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try {
            List<Histogram> intervals = new ArrayList<>();
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (tag.equals(h.getTag())) {
                    intervals.add((Histogram) h);
                }
            }
            return new TaggedLog(reader.getStartTimeSec() * 1000.0, intervals);
        } finally {
            reader.close();
        }
    }

    /** One histogram holding every {@code tag} interval of every file (3 significant digits, auto-resizing). */
    static Histogram sum(List<Path> files, String tag) throws FileNotFoundException {
        Histogram all = new Histogram(3);
        for (Path f : files) {
            for (Histogram h : read(f, tag).intervals()) {
                all.add(h);
            }
        }
        return all;
    }
}
