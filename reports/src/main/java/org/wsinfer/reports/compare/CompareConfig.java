package org.wsinfer.reports.compare;

import java.nio.file.Path;

/** Configuration of the {@code compare} command: two results folders, where to write, and the thresholds. */
public record CompareConfig(Path baseline, Path candidate, Path outDir, Thresholds thresholds) {

    public CompareConfig {
        if (baseline == null || candidate == null) {
            throw new IllegalArgumentException("BASELINE and CANDIDATE are required");
        }
        if (outDir == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds are required");
        }
    }

    @Override
    public String toString() {
        return "compare baseline=" + baseline + " candidate=" + candidate + " out=" + outDir + " max-regress="
                + thresholds;
    }
}
