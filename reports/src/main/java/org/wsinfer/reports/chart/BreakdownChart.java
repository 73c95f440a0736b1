package org.wsinfer.reports.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.wsinfer.reports.analysis.Breakdown;

import java.awt.Color;
import java.util.List;

/** Stacked horizontal bars of mean latency per run group: compute, server queue, network + framework, backlog. */
public final class BreakdownChart {

    /** Row keys of the dataset, in stack order. */
    public static final List<String> COMPONENTS = List.of("server compute", "server queue", "network + framework",
            "driver backlog (corrected − uncorrected)");

    private BreakdownChart() {
    }

    /** Rows are {@link #COMPONENTS}, columns the group labels. */
    public static DefaultCategoryDataset dataset(List<Breakdown> rows) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (Breakdown b : rows) {
            if (!b.complete()) {
                continue;
            }
            ds.addValue(b.computeUs(), COMPONENTS.get(0), b.label());
            ds.addValue(b.queueUs(), COMPONENTS.get(1), b.label());
            ds.addValue(b.networkUs(), COMPONENTS.get(2), b.label());
            ds.addValue(Double.isFinite(b.backlogUs()) ? b.backlogUs() : 0, COMPONENTS.get(3), b.label());
        }
        return ds;
    }

    /** The chart. */
    public static JFreeChart chart(DefaultCategoryDataset ds) {
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < COMPONENTS.size(); i++) {
            r.setSeriesPaint(i, Palette.BREAKDOWN[i]);
        }
        r.setMaximumBarWidth(0.12);
        CategoryAxis categories = new CategoryAxis("run");
        Axes.style(categories);
        CategoryPlot plot = new CategoryPlot(ds, categories, Axes.linear("mean latency (µs)"), r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart("Latency breakdown (mean)", Palette.TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(Palette.TICK);
        return chart;
    }
}
