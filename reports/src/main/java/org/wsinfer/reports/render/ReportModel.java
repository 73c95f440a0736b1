package org.wsinfer.reports.render;

import org.wsinfer.reports.analysis.Breakdown;
import org.wsinfer.reports.analysis.CapacityCurve;
import org.wsinfer.reports.analysis.Headline;
import org.wsinfer.reports.analysis.RunGroup;
import org.wsinfer.reports.read.Results;

import java.util.List;

/** Everything a report page shows, computed once and rendered as HTML, Markdown and JSON. */
public record ReportModel(ReportConfig config, Results results, List<RunGroup> groups, List<CapacityCurve> curves,
                          List<Breakdown> breakdowns, Headline headline, List<Plot> plots, String createdAt) {

    public ReportModel {
        groups = List.copyOf(groups);
        curves = List.copyOf(curves);
        breakdowns = List.copyOf(breakdowns);
        plots = List.copyOf(plots);
    }

    /** The plots of one section. */
    public List<Plot> plots(String section) {
        return plots.stream().filter(p -> p.section().equals(section)).toList();
    }
}
