package org.wsinfer.reports.chart;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Saves charts as PNG files (headless AWT). */
public final class ChartFiles {

    /** Default width in pixels. */
    public static final int WIDTH = 1000;
    /** Default height in pixels. */
    public static final int HEIGHT = 560;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFiles() {
    }

    /** Writes the chart as {@code dir/name} at the given size and returns the file name. */
    public static String png(JFreeChart chart, Path dir, String name, int width, int height) {
        try {
            ChartUtils.saveChartAsPNG(dir.resolve(name).toFile(), chart, width, height);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    /** Writes the chart at the default size. */
    public static String png(JFreeChart chart, Path dir, String name) {
        return png(chart, dir, name, WIDTH, HEIGHT);
    }
}
