package org.wsinfer.reports.model;

import java.nio.file.Path;
import java.util.List;

/** Figures of one Gatling HTML report: the global line and one line per request name, times in milliseconds. */
public record GatlingStats(Path dir, String simulation, List<Double> percentileLevels, GatlingLine global,
                           List<GatlingLine> requests) {

    public GatlingStats {
        percentileLevels = List.copyOf(percentileLevels);
        requests = List.copyOf(requests);
    }

    /** One line of Gatling's statistics table; {@code percentilesMs} match {@link #percentileLevels()}. */
    public record GatlingLine(String name, long total, long ok, long ko, double meanRps, double minMs, double meanMs,
                              double maxMs, List<Double> percentilesMs) {
        public GatlingLine {
            percentilesMs = List.copyOf(percentilesMs);
        }
    }
}
