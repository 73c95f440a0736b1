package org.wsinfer.reports.render;

import org.wsinfer.reports.analysis.CapacityCurve;
import org.wsinfer.reports.analysis.RunGroup;
import org.wsinfer.reports.model.JmhResult;
import org.wsinfer.reports.text.Fmt;

import java.nio.file.Path;

/** Writes {@code summary.md}: the headline answers and the main tables in GitHub-flavoured Markdown. */
public final class MarkdownWriter {

    /** File name of the summary. */
    public static final String FILE = "summary.md";

    private MarkdownWriter() {
    }

    /** Writes summary.md into the report folder. */
    public static Path write(ReportModel m) {
        return ReportFiles.writeText(m, FILE, render(m));
    }

    /** The summary as a string. */
    public static String render(ReportModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(m.config().title()).append("\n\n");
        for (String s : m.headline().sentences()) {
            sb.append("- **").append(s).append("**\n");
        }
        if (!m.headline().sentences().isEmpty()) {
            sb.append('\n');
        }
        if (!m.groups().isEmpty()) {
            sb.append("## Runs (corrected latency, median of repeats)\n\n");
            sb.append("| run | repeats | offered (req/s) | achieved (req/s) | p50 (µs) | p90 (µs) | p99 (µs) | "
                    + "p99.9 (µs) | max (µs) | errors | timeouts | request (B) | answer (B) | valid |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (RunGroup g : m.groups()) {
                sb.append("| ").append(g.label()).append(" | ").append(g.repeats()).append(" | ")
                        .append(Fmt.rate(g.key().offeredHz())).append(" | ")
                        .append(Fmt.rate(g.spread(r -> r.rates().answeredHz()).median())).append(" | ")
                        .append(Fmt.us(g.latency(l -> l.p50Us()).median())).append(" | ")
                        .append(Fmt.us(g.latency(l -> l.p90Us()).median())).append(" | ")
                        .append(Fmt.us(g.latency(l -> l.p99Us()).median())).append(" | ")
                        .append(Fmt.us(g.latency(l -> l.p999Us()).median())).append(" | ")
                        .append(Fmt.us(g.latency(l -> l.maxUs()).median())).append(" | ")
                        .append(Fmt.count(g.total(r -> r.counts().errors()))).append(" | ")
                        .append(Fmt.count(g.total(r -> r.counts().timeouts()))).append(" | ")
                        .append(Fmt.bytes(g.spread(r -> r.bytes().requestWireBytes()).median())).append(" | ")
                        .append(Fmt.bytes(g.spread(r -> r.bytes().answerWireBytes()).median())).append(" | ")
                        .append(g.valid() ? "yes" : "no: " + String.join("; ", g.reasons())).append(" |\n");
            }
            sb.append('\n');
        }
        if (!m.curves().isEmpty()) {
            sb.append("## Capacity\n\n| framing | features | SLO p99 (µs) | max sustainable (req/s) | from |\n"
                    + "|---|---:|---:|---:|---|\n");
            for (CapacityCurve c : m.curves()) {
                sb.append("| ").append(c.framing()).append(" | ").append(c.features()).append(" | ")
                        .append(Fmt.us(c.sloP99Us())).append(" | ")
                        .append(c.maxLabel())
                        .append(" | ").append(c.fromSearch() ? "capacity search" : "sweep").append(" |\n");
            }
            sb.append('\n');
        }
        if (!m.results().jmh().isEmpty()) {
            sb.append("## JMH\n\n| benchmark | mode | params | score | ± error | unit |\n|---|---|---|---:|---:|---|\n");
            for (JmhResult r : m.results().jmh()) {
                sb.append("| ").append(r.shortName()).append(" | ").append(r.mode()).append(" | ")
                        .append(r.paramsLabel()).append(" | ").append(Fmt.num(r.score())).append(" | ")
                        .append(Fmt.num(r.scoreError())).append(" | ").append(r.scoreUnit()).append(" |\n");
            }
            sb.append('\n');
        }
        m.results().gatling().forEach(g -> sb.append("Gatling ").append(g.simulation()).append(": ")
                .append(Fmt.count(g.global().total())).append(" requests, ").append(Fmt.count(g.global().ko()))
                .append(" KO, ").append(Fmt.num(g.global().meanRps())).append(" answers/s, p99 ")
                .append(g.global().percentilesMs().isEmpty() ? Fmt.NA
                        : Fmt.num(g.global().percentilesMs().get(g.global().percentilesMs().size() - 1)))
                .append(" ms\n"));
        sb.append("\nFull report: `index.html` beside this file.\n");
        return sb.toString();
    }
}
