package org.wsinfer.reports.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.wsinfer.reports.model.JmhResult;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JMH bar charts grouped by benchmark: one chart per benchmark class and unit, one category per method and
 * parameter combination, binary and text side by side as two series, the error interval as an error bar.
 */
public final class JmhChart {

    private static final Set<String> FRAMINGS = Set.of("binary", "text", "json");

    private JmhChart() {
    }

    /** A chart's worth of results: the benchmark class (or group) and unit they share. */
    public record Group(String title, String unit, List<JmhResult> results) {
    }

    /** Splits results into chart groups by benchmark class and unit, keeping input order. */
    public static List<Group> groups(List<JmhResult> results) {
        Map<String, List<JmhResult>> by = new LinkedHashMap<>();
        for (JmhResult r : results) {
            String cls = r.shortName().contains(".") ? r.shortName().substring(0, r.shortName().indexOf('.'))
                    : r.shortName();
            String params = otherParams(r);
            by.computeIfAbsent(cls + (params.isEmpty() ? "" : " (" + params + ")") + "|" + r.scoreUnit(),
                    k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(new Group(k.substring(0, k.indexOf('|')), k.substring(k.indexOf('|') + 1), v)));
        return out;
    }

    /** The framing a result measures: a parameter valued binary/text/json, or Binary/Text/Json in the method name. */
    public static String framingOf(JmhResult r) {
        for (String v : r.params().values()) {
            String l = v.toLowerCase(Locale.ROOT);
            if (FRAMINGS.contains(l)) {
                return l.equals("json") ? "text" : l;
            }
        }
        String method = method(r).toLowerCase(Locale.ROOT);
        if (method.contains("binary")) {
            return "binary";
        }
        if (method.contains("json") || method.contains("text")) {
            return "text";
        }
        return "score";
    }

    /** The category of a result: the method without its framing word (charts are split by the other params). */
    public static String categoryOf(JmhResult r) {
        String method = method(r).replaceAll("(?i)binary|json|text", "");
        return method.isEmpty() ? method(r) : method;
    }

    /** The parameters that are not a framing, as {@code k=v, k=v}. */
    static String otherParams(JmhResult r) {
        StringBuilder sb = new StringBuilder();
        r.params().forEach((k, v) -> {
            if (!FRAMINGS.contains(v.toLowerCase(Locale.ROOT))) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    private static String method(JmhResult r) {
        String s = r.shortName();
        return s.contains(".") ? s.substring(s.indexOf('.') + 1) : s;
    }

    /** Series are framings ("binary", "text", or "score"), categories from {@link #categoryOf}. */
    public static DefaultStatisticalCategoryDataset dataset(Group g) {
        DefaultStatisticalCategoryDataset ds = new DefaultStatisticalCategoryDataset();
        for (JmhResult r : g.results()) {
            ds.add(r.score(), Double.isFinite(r.scoreError()) ? r.scoreError() : 0, framingOf(r), categoryOf(r));
        }
        return ds;
    }

    /** The chart of one group. */
    public static JFreeChart chart(DefaultStatisticalCategoryDataset ds, Group g) {
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setDrawBarOutline(false);
        r.setShadowVisible(false);
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setItemMargin(0.05);
        r.setMaximumBarWidth(0.2);
        for (int i = 0; i < ds.getRowCount(); i++) {
            r.setSeriesPaint(i, Palette.of(ds.getRowKey(i).toString()));
        }
        CategoryAxis categories = new CategoryAxis("benchmark");
        Axes.style(categories);
        categories.setMaximumCategoryLabelLines(3);
        if (ds.getColumnCount() > 6) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        String direction = (g.results().get(0).higherIsBetter()
                ? " — higher is better" : " — lower is better");
        double maxScore = 0;
        double minScore = Double.MAX_VALUE;
        for (JmhResult x : g.results()) {
            if (x.score() > 0) {
                maxScore = Math.max(maxScore, x.score());
                minScore = Math.min(minScore, x.score());
            }
        }
        org.jfree.chart.axis.ValueAxis range;
        String label = "score (" + g.unit() + ")" + direction;
        if (maxScore > 0 && maxScore / minScore > 20) {
            range = Axes.latencyUs(label + ", log scale");
            double maxUpper = g.results().stream().mapToDouble(JmhResult::upper).filter(Double::isFinite).max()
                    .orElse(maxScore);
            range.setRange(minScore / 3, Math.min(Math.max(maxScore * 3, maxUpper * 1.3), maxScore * 50));
        } else {
            range = Axes.linear(label);
            range.setRange(0, Math.max(1e-9, maxScore * 1.6));
        }
        CategoryPlot plot = new CategoryPlot(ds, categories, range, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart("JMH " + g.title() + " — " + g.unit() + ", ± 99.9% error", Palette.TITLE,
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(Palette.TICK);
        return chart;
    }
}
