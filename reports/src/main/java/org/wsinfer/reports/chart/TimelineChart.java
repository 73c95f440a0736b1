package org.wsinfer.reports.chart;

import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.wsinfer.reports.read.IntervalLog;

/** Latency over time from an interval log: p50, p99 and max of each corrected interval, so warm-up and stalls show. */
public final class TimelineChart {

    /** Series names, in dataset order. */
    public static final String P50 = "p50";
    /** The p99 series. */
    public static final String P99 = "p99";
    /** The max series. */
    public static final String MAX = "max";

    private TimelineChart() {
    }

    /** Three series (p50, p99, max in µs) against seconds since the log's first interval. */
    public static XYSeriesCollection dataset(IntervalLog log, String tag) {
        XYSeries p50 = new XYSeries(P50);
        XYSeries p99 = new XYSeries(P99);
        XYSeries max = new XYSeries(MAX);
        long origin = log.firstStartMs();
        for (Histogram h : log.intervals(tag)) {
            if (h.getTotalCount() == 0) {
                continue;
            }
            double t = (h.getEndTimeStamp() - origin) / 1000.0;
            p50.add(t, h.getValueAtPercentile(50) / 1000.0);
            p99.add(t, h.getValueAtPercentile(99) / 1000.0);
            max.add(t, h.getMaxValue() / 1000.0);
        }
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(p50);
        ds.addSeries(p99);
        ds.addSeries(max);
        return ds;
    }

    /** The chart, in the framing's colour: p50 dotted, p99 solid, max dashed. */
    public static JFreeChart chart(XYSeriesCollection ds, String title, String framing) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 3; i++) {
            r.setSeriesPaint(i, Palette.shade(framing, 2 - i, 3));
            r.setSeriesShapesVisible(i, ds.getItemCount(i) <= 60);
        }
        r.setSeriesStroke(0, Palette.dotted(2.2f));
        r.setSeriesStroke(1, Palette.solid(2.2f));
        r.setSeriesStroke(2, Palette.dashed(1.6f));
        XYPlot plot = new XYPlot(ds, Axes.linear("time since start of measurement (s)"),
                Axes.latencyUs("corrected latency (µs, log scale)"), r);
        JFreeChart chart = new JFreeChart(title, new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 16),
                plot, true);
        Axes.style(chart);
        return chart;
    }
}
