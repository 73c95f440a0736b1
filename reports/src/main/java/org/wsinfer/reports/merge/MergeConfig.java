package org.wsinfer.reports.merge;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Configuration of the {@code merge} command.
 *
 * @param inputs         drive folders of the injectors (or results folders holding them)
 * @param outDir         where the merged drive folder(s) go
 * @param maxClockSkewMs bound on the spread of the injectors' recorded clock offsets before merge warns
 */
public record MergeConfig(List<Path> inputs, Path outDir, double maxClockSkewMs) {

    public MergeConfig {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one driver folder is needed");
        }
        if (outDir == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (!(maxClockSkewMs >= 0) || Double.isInfinite(maxClockSkewMs)) {
            throw new IllegalArgumentException("--max-clock-skew-ms must be >= 0, got " + maxClockSkewMs);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.US, "merge inputs=%s out=%s maxClockSkewMs=%.1f", inputs, outDir, maxClockSkewMs);
    }
}
