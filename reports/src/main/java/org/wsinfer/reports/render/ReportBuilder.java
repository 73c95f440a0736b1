package org.wsinfer.reports.render;

import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.wsinfer.reports.analysis.Breakdown;
import org.wsinfer.reports.analysis.CapacityCurve;
import org.wsinfer.reports.analysis.CapacityCurves;
import org.wsinfer.reports.analysis.Headline;
import org.wsinfer.reports.analysis.HeadlineBuilder;
import org.wsinfer.reports.analysis.RunGroup;
import org.wsinfer.reports.analysis.RunGrouper;
import org.wsinfer.reports.chart.BreakdownChart;
import org.wsinfer.reports.chart.CapacityChart;
import org.wsinfer.reports.chart.ChartFiles;
import org.wsinfer.reports.chart.JmhChart;
import org.wsinfer.reports.chart.SpectrumChart;
import org.wsinfer.reports.chart.TimelineChart;
import org.wsinfer.reports.model.DriveRun;
import org.wsinfer.reports.read.IntervalLog;
import org.wsinfer.reports.read.IntervalLogReader;
import org.wsinfer.reports.read.Results;
import org.wsinfer.reports.read.ResultsScanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the results folders, computes the report's figures and writes its plots as PNG files into the out folder. */
public final class ReportBuilder {

    /** Section of the percentile spectrum. */
    public static final String SPECTRUM = "spectrum";
    /** Section of latency over time. */
    public static final String TIMELINE = "timeline";
    /** Section of the capacity curves. */
    public static final String CAPACITY = "capacity";
    /** Section of the latency breakdown. */
    public static final String BREAKDOWN = "breakdown";
    /** Section of the JMH charts. */
    public static final String JMH = "jmh";

    private final Clock clock;

    public ReportBuilder(Clock clock) {
        this.clock = clock;
    }

    /** Builds the model and writes the plots. */
    public ReportModel build(ReportConfig config) {
        Results results = ResultsScanner.scan(config.inputs());
        Path out = config.outDir();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        List<RunGroup> groups = RunGrouper.group(results.runs());
        List<CapacityCurve> curves = CapacityCurves.build(results.capacities(), groups, results.sweeps(),
                config.sloP99Us());
        List<Breakdown> breakdowns = groups.stream().map(Breakdown::of).toList();
        Headline headline = HeadlineBuilder.build(groups, curves, results.compares());
        List<Plot> plots = new ArrayList<>();
        if (!groups.isEmpty()) {
            XYSeriesCollection ds = SpectrumChart.dataset(groups);
            if (ds.getSeriesCount() > 0) {
                plots.add(new Plot(SPECTRUM, ChartFiles.png(SpectrumChart.chart(ds, groups), out, "spectrum.png",
                        1100, 640), "Percentile spectrum", seriesNames(ds)));
            }
        }
        for (RunGroup g : groups) {
            DriveRun run = g.firstWithLog().orElse(null);
            if (run == null) {
                continue;
            }
            IntervalLog log = IntervalLogReader.read(run.intervalLog());
            XYSeriesCollection ds = TimelineChart.dataset(log, IntervalLog.CORRECTED);
            if (ds.getSeries(0).getItemCount() == 0) {
                continue;
            }
            String title = "Latency over time: " + g.label() + (g.repeats() > 1 ? " (repeat 1)" : "");
            String file = String.format(Locale.US, "timeline-%02d-%s.png", plots.size(), g.key().slug());
            plots.add(new Plot(TIMELINE, ChartFiles.png(TimelineChart.chart(ds, title, g.framing()), out, file,
                    760, 400), title, seriesNames(ds)));
        }
        Map<String, List<CapacityCurve>> byFeatures = new LinkedHashMap<>();
        curves.forEach(c -> byFeatures.computeIfAbsent(c.features() + (c.rows() == 1 ? "" : "x" + c.rows()),
                k -> new ArrayList<>()).add(c));
        byFeatures.forEach((features, list) -> {
            if (list.stream().mapToInt(c -> c.points().size()).sum() < 1) {
                return;
            }
            XYSeriesCollection ds = CapacityChart.dataset(list);
            String title = String.format(Locale.US, "Capacity at %s features: offered rate vs latency", features);
            plots.add(new Plot(CAPACITY, ChartFiles.png(CapacityChart.chart(ds, list, title), out,
                    "capacity-f" + features + ".png"), title, seriesNames(ds)));
        });
        DefaultCategoryDataset bd = BreakdownChart.dataset(breakdowns);
        if (bd.getColumnCount() > 0) {
            int height = Math.max(360, 140 + 46 * bd.getColumnCount());
            plots.add(new Plot(BREAKDOWN, ChartFiles.png(BreakdownChart.chart(bd), out, "breakdown.png", 1000,
                    height), "Latency breakdown", stringKeys(bd.getRowKeys())));
        }
        int i = 0;
        for (JmhChart.Group g : JmhChart.groups(results.jmh())) {
            DefaultStatisticalCategoryDataset ds = JmhChart.dataset(g);
            String file = String.format(Locale.US, "jmh-%d-%s.png", i++, g.title().replaceAll("[^A-Za-z0-9]", "_"));
            plots.add(new Plot(JMH, ChartFiles.png(JmhChart.chart(ds, g), out, file, 760, 460), "JMH " + g.title()
                    + " — " + g.unit(), stringKeys(ds.getRowKeys())));
        }
        return new ReportModel(config, results, groups, curves, breakdowns, headline, plots,
                Instant.now(clock).toString());
    }

    private static List<String> seriesNames(XYSeriesCollection ds) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            out.add(ds.getSeriesKey(i).toString());
        }
        return out;
    }

    private static List<String> stringKeys(List<?> keys) {
        return keys.stream().map(Object::toString).toList();
    }
}
