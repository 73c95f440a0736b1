package org.wsinfer.reports.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Configuration of the {@code report} command.
 *
 * @param inputs        results folders (or single drive folders) to read
 * @param outDir        where index.html, summary.md, report.json and the plots go
 * @param sloP99Us      p99 SLO for sweeps without a capacity search (a capacity.json brings its own)
 * @param title         page title
 */
public record ReportConfig(List<Path> inputs, Path outDir, double sloP99Us, String title) {

    public ReportConfig {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one results folder is needed");
        }
        if (outDir == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (!(sloP99Us > 0) || Double.isInfinite(sloP99Us)) {
            throw new IllegalArgumentException("--slo-p99-us must be a positive number, got " + sloP99Us);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("--title must not be blank");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.US, "report inputs=%s out=%s sloP99Us=%.1f title='%s'", inputs, outDir, sloP99Us,
                title);
    }
}
