package org.wsinfer.reports.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Axis factories and the common look of every chart (fonts, white background, grey grid). */
public final class Axes {

    private Axes() {
    }

    /** A log latency axis in µs with plain 1-2-5 style tick labels (100, 200, 500, 1,000). */
    public static NiceLogAxis latencyUs(String label) {
        NiceLogAxis axis = new NiceLogAxis(label);
        style(axis);
        return axis;
    }

    /** A linear axis with thousands separators. */
    public static NumberAxis linear(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US)));
        axis.setAutoRangeIncludesZero(true);
        style(axis);
        return axis;
    }

    /** HdrHistogram's classic percentile axis: x = 1/(1-p) on a log scale, labelled 90%, 99%, 99.9%, 99.99%. */
    public static LogAxis percentile(double maxX) {
        LogAxis axis = new LogAxis("percentile (log scale of 1/(1-p))");
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new PercentileFormat());
        axis.setAutoRange(false);
        axis.setRange(1, Math.max(100, Math.pow(10, Math.ceil(Math.log10(Math.max(maxX, 1.0001)) - 1e-9))));
        style(axis);
        return axis;
    }

    /** Applies fonts to an axis. */
    public static void style(Axis axis) {
        axis.setLabelFont(Palette.LABEL);
        axis.setTickLabelFont(Palette.TICK);
    }

    /** The common look of an XY chart. */
    public static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(Palette.TITLE);
        }
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 28));
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(Palette.TICK);
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
            plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
            plot.setOutlineVisible(false);
        }
    }
}
