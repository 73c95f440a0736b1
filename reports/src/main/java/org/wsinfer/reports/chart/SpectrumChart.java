package org.wsinfer.reports.chart;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.wsinfer.reports.analysis.RunGroup;
import org.wsinfer.reports.model.LatencyStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The percentile spectrum: corrected latency (µs) against percentile on HdrHistogram's classic axis 1/(1-p), one
 * series per run group (repeats added exactly), binary in blue and text in orange.
 */
public final class SpectrumChart {

    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private SpectrumChart() {
    }

    /** One series per group, keyed by the group label; from the interval logs, else the summary's percentiles. */
    public static XYSeriesCollection dataset(List<RunGroup> groups) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (RunGroup g : groups) {
            XYSeries s = new XYSeries(g.label(), true, true);
            Optional<Histogram> h = g.correctedHistogram();
            if (h.isPresent()) {
                addHistogram(s, h.get());
            } else {
                addSummary(s, g.runs().get(0).corrected());
            }
            if (s.getItemCount() > 0) {
                ds.addSeries(s);
            }
        }
        return ds;
    }

    /** Adds the percentile iteration of a histogram in ns as (1/(1-p), µs) points, the 100% point excluded. */
    static void addHistogram(XYSeries s, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double p = v.getPercentileLevelIteratedTo();
            if (p >= 100.0) {
                break;
            }
            s.addOrUpdate(PercentileFormat.toAxis(p), h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0);
        }
        // the max at the resolution the sample count supports
        double lastX = Math.max(1.0, (double) h.getTotalCount());
        s.addOrUpdate(lastX, h.getMaxValue() / 1000.0);
    }

    private static void addSummary(XYSeries s, LatencyStats l) {
        double[][] pts = {{0, l.minUs()}, {50, l.p50Us()}, {90, l.p90Us()}, {99, l.p99Us()}, {99.9, l.p999Us()},
                {99.99, l.p9999Us()}};
        for (double[] p : pts) {
            if (Double.isFinite(p[1]) && p[1] > 0) {
                s.addOrUpdate(PercentileFormat.toAxis(p[0]), p[1]);
            }
        }
    }

    /** The chart of a dataset made by {@link #dataset}; series are coloured by their framing. */
    public static JFreeChart chart(XYSeriesCollection ds, List<RunGroup> groups) {
        double maxX = 100;
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            maxX = Math.max(maxX, ds.getSeries(i).getMaxX());
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        List<String> framings = new ArrayList<>();
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            framings.add(framingOf(ds.getSeries(i).getKey().toString(), groups));
        }
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            String f = framings.get(i);
            int index = 0;
            int count = 0;
            for (int j = 0; j < framings.size(); j++) {
                if (framings.get(j).equals(f)) {
                    if (j < i) {
                        index++;
                    }
                    count++;
                }
            }
            renderer.setSeriesPaint(i, Palette.shade(f, index, count));
            renderer.setSeriesStroke(i, Palette.solid(2.2f));
        }
        XYPlot plot = new XYPlot(ds, Axes.percentile(maxX), Axes.latencyUs("corrected latency (µs, log scale)"), renderer);
        JFreeChart chart = new JFreeChart("Percentile spectrum (corrected latency)", Palette.TITLE, plot, true);
        Axes.style(chart);
        return chart;
    }

    private static String framingOf(String label, List<RunGroup> groups) {
        for (RunGroup g : groups) {
            if (g.label().equals(label)) {
                return g.framing();
            }
        }
        return "";
    }
}
