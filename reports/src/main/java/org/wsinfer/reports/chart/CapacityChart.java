package org.wsinfer.reports.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.wsinfer.reports.analysis.CapacityCurve;
import org.wsinfer.reports.analysis.CurvePoint;
import org.wsinfer.reports.text.Fmt;

import java.util.List;

/** The capacity curve: offered rate against p50/p99/p99.9, the SLO line and each framing's max sustainable rate. */
public final class CapacityChart {

    private CapacityChart() {
    }

    /** Series named {@code <framing> p50|p99|p99.9} for each curve (all curves of one feature count). */
    public static XYSeriesCollection dataset(List<CapacityCurve> curves) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (CapacityCurve c : curves) {
            XYSeries p50 = new XYSeries(c.framing() + " p50");
            XYSeries p99 = new XYSeries(c.framing() + " p99");
            XYSeries p999 = new XYSeries(c.framing() + " p99.9");
            for (CurvePoint p : c.points()) {
                addPositive(p50, p.offeredHz(), p.p50Us());
                addPositive(p99, p.offeredHz(), p.p99Us());
                addPositive(p999, p.offeredHz(), p.p999Us());
            }
            for (XYSeries s : List.of(p50, p99, p999)) {
                if (s.getItemCount() > 0) {
                    ds.addSeries(s);
                }
            }
        }
        return ds;
    }

    private static void addPositive(XYSeries s, double x, double y) {
        if (Double.isFinite(y) && y > 0) {
            s.add(x, y);
        }
    }

    /** The chart: p99 solid, p50 dotted, p99.9 dashed; SLO horizontal, max sustainable rates vertical. */
    public static JFreeChart chart(XYSeriesCollection ds, List<CapacityCurve> curves, String title) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            String key = ds.getSeriesKey(i).toString();
            String framing = key.substring(0, key.indexOf(' '));
            r.setSeriesPaint(i, Palette.of(framing));
            r.setSeriesStroke(i, key.endsWith("p50") ? Palette.dotted(2f)
                    : key.endsWith("p99.9") ? Palette.dashed(1.6f) : Palette.solid(2.6f));
        }
        XYPlot plot = new XYPlot(ds, Axes.linear("offered rate (req/s)"),
                Axes.latencyUs("corrected latency (µs, log scale)"), r);
        if (!curves.isEmpty()) {
            double slo = curves.get(0).sloP99Us();
            ValueMarker sloLine = new ValueMarker(slo, Palette.SLO, Palette.dashed(2f));
            sloLine.setLabel("SLO p99 < " + Fmt.duration(slo));
            sloLine.setLabelFont(Palette.TICK);
            sloLine.setLabelPaint(Palette.SLO);
            sloLine.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            sloLine.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            sloLine.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 220));
            plot.addRangeMarker(sloLine, Layer.FOREGROUND);
            int n = 0;
            for (CapacityCurve c : curves) {
                if (c.hasMax()) {
                    ValueMarker m = new ValueMarker(c.maxSustainableHz(), Palette.of(c.framing()), Palette.dashed(2f));
                    m.setLabel(c.framing() + " max " + Fmt.rate(c.maxSustainableHz()) + " req/s");
                    m.setLabelFont(Palette.TICK);
                    m.setLabelPaint(Palette.of(c.framing()));
                    m.setLabelAnchor(n % 2 == 0 ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
                    m.setLabelTextAnchor(n % 2 == 0 ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT);
                    m.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 220));
                    plot.addDomainMarker(m, Layer.FOREGROUND);
                    n++;
                }
            }
        }
        JFreeChart chart = new JFreeChart(title, Palette.TITLE, plot, true);
        Axes.style(chart);
        return chart;
    }
}
