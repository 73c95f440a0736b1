package org.wsinfer.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.wsinfer.reports.analysis.Breakdown;
import org.wsinfer.reports.analysis.CapacityCurve;
import org.wsinfer.reports.analysis.RunGroup;
import org.wsinfer.reports.analysis.Spread;
import org.wsinfer.reports.model.DriveRun;
import org.wsinfer.reports.model.GatlingStats;
import org.wsinfer.reports.model.JmhResult;
import org.wsinfer.reports.model.LatencyStats;
import org.wsinfer.reports.read.Results;
import org.wsinfer.reports.text.Fmt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Writes the self-contained {@code index.html}: inline CSS, no scripts, plots as PNG files beside it. */
public final class HtmlWriter {

    /** File name of the page. */
    public static final String FILE = "index.html";

    private static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;
              margin:0;background:#f6f7f9}
            main{max-width:1320px;margin:0 auto;padding:18px 28px 60px;background:#fff}
            h1{font-size:26px;margin:6px 0 2px}
            h2{font-size:20px;margin:34px 0 10px;padding-bottom:4px;border-bottom:2px solid #e3e6ea}
            h3{font-size:16px;margin:18px 0 6px}
            .meta{color:#666;font-size:13px;margin:0 0 14px}
            .answers{display:flex;flex-direction:column;gap:8px;margin:14px 0 8px}
            .answer{padding:12px 16px;border-radius:6px;font-size:18px;background:#eef4fb;border-left:6px solid #1f77b4}
            .answer.capacity{background:#f3f7ee;border-left-color:#2ca02c}
            .answer.pass{background:#eaf7ea;border-left-color:#2ca02c}
            .answer.fail{background:#fdecec;border-left-color:#d62728}
            .answer .label{display:block;font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#555}
            table{border-collapse:collapse;margin:6px 0 14px;font-size:13px;width:100%}
            th,td{padding:4px 6px;border-bottom:1px solid #e3e6ea;text-align:right;white-space:nowrap}
            th{background:#f0f2f5;font-weight:600;white-space:normal;vertical-align:bottom}
            td:first-child,th:first-child{text-align:left}
            td.l,th.l{text-align:left;white-space:normal}
            tbody tr:nth-child(even){background:#fafbfc}
            .wide{overflow-x:auto}
            .binary{color:#1f77b4;font-weight:600}.text{color:#e06c00;font-weight:600}
            .bad{color:#d62728;font-weight:600}.good{color:#2a8a2a}
            .spread{color:#888;font-size:11.5px;display:block}
            figure{margin:10px 0 18px}figure img{max-width:100%;border:1px solid #e3e6ea}
            figcaption{font-size:12.5px;color:#666}
            .grid{display:grid;grid-template-columns:1fr 1fr;gap:10px}
            .grid figure{margin:0}
            table.environment td,table.environment th{white-space:normal;text-align:left}
            .note{color:#555;font-size:13px}
            ol.validity{font-size:12.5px;color:#a33;margin:0 0 8px;padding-left:26px}
            td.bad a{color:#d62728}
            table.runs td:first-child{white-space:normal;min-width:140px}
            code{background:#f0f2f5;padding:1px 4px;border-radius:3px}
            """;

    private HtmlWriter() {
    }

    /** Writes index.html into the report folder and returns its path. */
    public static Path write(ReportModel m) {
        return ReportFiles.writeText(m, FILE, render(m));
    }

    /** The page as a string. */
    public static String render(ReportModel m) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").text(m.config().title())
                .raw("</title><style>").raw(CSS).raw("</style></head><body><main>\n");
        h.el("h1", m.config().title());
        h.el("p", "meta", "Generated " + m.createdAt() + " from " + inputs(m.results()));
        answers(h, m);
        runs(h, m);
        spectrum(h, m);
        capacity(h, m);
        timeline(h, m);
        breakdown(h, m);
        injectors(h, m);
        jmh(h, m);
        gatling(h, m);
        environment(h, m);
        h.raw("</main></body></html>\n");
        return h.toString();
    }

    private static String inputs(Results r) {
        List<String> s = new ArrayList<>();
        r.inputs().forEach(p -> s.add(p.toString()));
        return String.join(", ", s);
    }

    private static void answers(Html h, ReportModel m) {
        h.raw("<section class=\"answers\" id=\"answers\">\n");
        if (m.headline().framingSentence() != null) {
            answer(h, "framing", "Binary or text", m.headline().framingSentence());
        }
        if (m.headline().capacitySentence() != null) {
            answer(h, "capacity", "Capacity at the SLO", m.headline().capacitySentence());
        }
        if (m.headline().regressionSentence() != null) {
            answer(h, Boolean.TRUE.equals(m.headline().regressionPassed()) ? "verdict pass" : "verdict fail",
                    "Regression check", m.headline().regressionSentence());
        }
        if (m.headline().sentences().isEmpty()) {
            answer(h, "framing", "Summary", m.results().isEmpty() ? "No results found in the given folders."
                    : "No binary/text pair, capacity search or comparison in these results; see the tables below.");
        }
        h.raw("</section>\n");
    }

    private static void answer(Html h, String cls, String label, String sentence) {
        h.raw("<div class=\"answer " + cls + "\"><span class=\"label\">").text(label).raw("</span>").text(sentence)
                .raw("</div>\n");
    }

    private static void runs(Html h, ReportModel m) {
        if (m.groups().isEmpty()) {
            return;
        }
        h.raw("<h2 id=\"runs\">Runs</h2>\n");
        h.raw("<p class=\"note\">Corrected latency (coordinated omission accounted for), median over repeats with the "
                + "min–max spread below when there are several. Bytes are means per message on the wire "
                + "(WebSocket header included).</p>\n<div class=\"wide\">");
        h.raw("<table class=\"runs\"><thead><tr>");
        for (String c : List.of("run", "repeats", "offered (req/s)",
                "achieved (req/s)", "p50 (µs)", "p90 (µs)", "p99 (µs)", "p99.9 (µs)", "max (µs)", "errors",
                "timeouts", "request (B)", "answer (B)", "validity")) {
            h.raw("<th>").text(c).raw("</th>");
        }
        h.raw("</tr></thead><tbody>\n");
        List<String> notes = new ArrayList<>();
        for (RunGroup g : m.groups()) {
            h.raw("<tr><td class=\"" + Html.esc(g.framing()) + "\">").text(g.label()).raw("</td>");
            cell(h, Integer.toString(g.repeats()));
            cell(h, Fmt.rate(g.key().offeredHz()));
            spreadCell(h, g.spread(r -> r.rates().answeredHz()), Fmt::rate);
            for (ToDoubleFunction<LatencyStats> f : List.<ToDoubleFunction<LatencyStats>>of(LatencyStats::p50Us,
                    LatencyStats::p90Us, LatencyStats::p99Us, LatencyStats::p999Us, LatencyStats::maxUs)) {
                spreadCell(h, g.latency(f), Fmt::us);
            }
            long errors = g.total(r -> r.counts().errors());
            long timeouts = g.total(r -> r.counts().timeouts());
            h.raw(errors > 0 ? "<td class=\"bad\">" : "<td>").text(Fmt.count(errors)).raw("</td>");
            h.raw(timeouts > 0 ? "<td class=\"bad\">" : "<td>").text(Fmt.count(timeouts)).raw("</td>");
            cell(h, Fmt.bytes(g.spread(r -> r.bytes().requestWireBytes()).median()));
            cell(h, Fmt.bytes(g.spread(r -> r.bytes().answerWireBytes()).median()));
            if (g.valid()) {
                h.raw("<td class=\"good\">valid</td>");
            } else {
                long bad = g.runs().stream().filter(r -> !r.validity().valid()).count();
                notes.add(g.label() + " (" + bad + " of " + g.repeats() + " invalid): "
                        + String.join("; ", g.reasons()));
                h.raw("<td class=\"bad\"><a href=\"#validity-" + notes.size() + "\">invalid [" + notes.size()
                        + "]</a></td>");
            }
            h.raw("</tr>\n");
        }
        h.raw("</tbody></table></div>\n");
        if (!notes.isEmpty()) {
            h.raw("<ol class=\"validity\">\n");
            for (int i = 0; i < notes.size(); i++) {
                h.raw("<li id=\"validity-" + (i + 1) + "\">").text(notes.get(i)).raw("</li>\n");
            }
            h.raw("</ol>\n<p class=\"note\">Invalid runs are shown but their figures describe the driver or the "
                    + "machine as much as the server.</p>\n");
        }
    }

    private static void cell(Html h, String s) {
        h.raw("<td>").text(s).raw("</td>");
    }

    private static void spreadCell(Html h, Spread s, java.util.function.DoubleFunction<String> f) {
        h.raw("<td>").text(f.apply(s.median()));
        if (s.n() > 1) {
            h.raw("<span class=\"spread\">").text(f.apply(s.min()) + "–" + f.apply(s.max())).raw("</span>");
        }
        h.raw("</td>");
    }

    private static void spectrum(Html h, ReportModel m) {
        List<Plot> plots = m.plots(ReportBuilder.SPECTRUM);
        if (plots.isEmpty()) {
            return;
        }
        h.raw("<h2 id=\"spectrum\">Percentile spectrum</h2>\n<p class=\"note\">Corrected latency against percentile "
                + "on HdrHistogram's classic axis 1/(1−p); repeats are added exactly. <span class=\"binary\">Binary"
                + "</span> in blue, <span class=\"text\">text</span> in orange.</p>\n");
        plots.forEach(h::figure);
    }

    private static void capacity(Html h, ReportModel m) {
        if (m.curves().isEmpty()) {
            return;
        }
        h.raw("<h2 id=\"capacity\">Capacity</h2>\n<p class=\"note\">Offered rate against corrected p50 (dotted), p99 "
                + "(solid) and p99.9 (dashed). A rate passes when its run is valid, has no errors or timeouts and its "
                + "p99 is under the SLO.</p>\n");
        m.plots(ReportBuilder.CAPACITY).forEach(h::figure);
        h.table("capacity", "framing", "features", "rows", "SLO p99 (µs)", "max sustainable (req/s)", "from",
                "points");
        for (CapacityCurve c : m.curves()) {
            h.row(c.framing(), Integer.toString(c.features()), Integer.toString(c.rows()), Fmt.us(c.sloP99Us()),
                    c.maxLabel(),
                    c.fromSearch() ? "capacity search" : "highest passing swept rate",
                    Integer.toString(c.points().size()));
        }
        h.endTable();
    }

    private static void timeline(Html h, ReportModel m) {
        List<Plot> plots = m.plots(ReportBuilder.TIMELINE);
        if (plots.isEmpty()) {
            return;
        }
        h.raw("<h2 id=\"timeline\">Latency over time</h2>\n<p class=\"note\">p50, p99 and max of each interval of "
                + "the corrected latency log (measured phase; warm-up excluded by the driver).</p>\n"
                + "<div class=\"grid\">\n");
        plots.forEach(h::figure);
        h.raw("</div>\n");
    }

    private static void breakdown(Html h, ReportModel m) {
        List<Breakdown> rows = m.breakdowns().stream().filter(Breakdown::complete).toList();
        if (rows.isEmpty()) {
            return;
        }
        h.raw("<h2 id=\"breakdown\">Latency breakdown</h2>\n<p class=\"note\">Means, since means add up and "
                + "percentiles do not: uncorrected mean = network + framework + server queue + compute; the corrected "
                + "mean adds the wait behind late sends.</p>\n");
        m.plots(ReportBuilder.BREAKDOWN).forEach(h::figure);
        h.table("breakdown", "run", "compute (µs)", "server queue (µs)", "network + framework (µs)",
                "driver backlog (µs)", "corrected mean (µs)");
        for (Breakdown b : rows) {
            h.row(b.label(), Fmt.us(b.computeUs()), Fmt.us(b.queueUs()), Fmt.us(b.networkUs()), Fmt.us(b.backlogUs()),
                    Fmt.us(b.correctedMeanUs()));
        }
        h.endTable();
    }

    private static void injectors(Html h, ReportModel m) {
        boolean any = false;
        for (RunGroup g : m.groups()) {
            for (DriveRun r : g.runs()) {
                if (!r.injectors().isArray() || r.injectors().isEmpty()) {
                    continue;
                }
                if (!any) {
                    h.raw("<h2 id=\"injectors\">Merged injectors</h2>\n");
                    any = true;
                }
                h.el("h3", r.key().label() + " — merged from " + r.injectors().size() + " injectors");
                h.table("injectors", "injector", "host", "sent", "ok", "errors", "timeouts", "offered (req/s)",
                        "answered (req/s)", "p99 (µs)", "clock offset (ms)", "validity");
                for (JsonNode i : r.injectors()) {
                    h.row(i.path("injectorId").asText(), i.path("hostname").asText(""),
                            Fmt.count(i.path("sent").asLong()),
                            Fmt.count(i.path("ok").asLong()), Fmt.count(i.path("errors").asLong()),
                            Fmt.count(i.path("timeouts").asLong()), Fmt.rate(i.path("offeredHz").asDouble(Double.NaN)),
                            Fmt.rate(i.path("answeredHz").asDouble(Double.NaN)),
                            Fmt.us(i.path("p99Us").asDouble(Double.NaN)),
                            Fmt.num(i.path("clockOffsetMs").asDouble(Double.NaN)),
                            i.path("valid").asBoolean() ? "valid" : "invalid");
                }
                h.endTable();
            }
        }
    }

    private static void jmh(Html h, ReportModel m) {
        List<JmhResult> jmh = m.results().jmh();
        if (jmh.isEmpty()) {
            return;
        }
        h.raw("<h2 id=\"jmh\">JMH microbenchmarks</h2>\n");
        h.table("jmh", "benchmark", "mode", "params", "score", "± error (99.9%)", "unit", "forks", "threads");
        for (JmhResult r : jmh) {
            h.row(r.shortName(), r.mode(), r.paramsLabel(), Fmt.num(r.score()), Fmt.num(r.scoreError()),
                    r.scoreUnit(), Integer.toString(r.forks()), Integer.toString(r.threads()));
        }
        h.endTable();
        m.plots(ReportBuilder.JMH).forEach(h::figure);
    }

    private static void gatling(Html h, ReportModel m) {
        if (m.results().gatling().isEmpty()) {
            return;
        }
        h.raw("<h2 id=\"gatling\">Gatling</h2>\n<p class=\"note\">Figures read from Gatling's own HTML report "
                + "(Gatling measures in milliseconds).</p>\n");
        for (GatlingStats g : m.results().gatling()) {
            h.el("h3", g.simulation() + " — " + g.dir().getFileName());
            List<String> headers = new ArrayList<>(List.of("request", "total", "ok", "ko (errors)", "answers/s",
                    "min (ms)"));
            g.percentileLevels().forEach(l -> headers.add(pct(l) + " (ms)"));
            headers.add("max (ms)");
            headers.add("mean (ms)");
            h.table("gatling", headers.toArray(new String[0]));
            List<GatlingStats.GatlingLine> lines = new ArrayList<>();
            lines.add(g.global());
            lines.addAll(g.requests());
            for (GatlingStats.GatlingLine l : lines) {
                List<String> cells = new ArrayList<>(List.of(l.name(), Fmt.count(l.total()), Fmt.count(l.ok()),
                        Fmt.count(l.ko()), Fmt.num(l.meanRps()), Fmt.num(l.minMs())));
                l.percentilesMs().forEach(v -> cells.add(Fmt.num(v)));
                cells.add(Fmt.num(l.maxMs()));
                cells.add(Fmt.num(l.meanMs()));
                h.row(cells.toArray(new String[0]));
            }
            h.endTable();
        }
    }

    static String pct(double level) {
        return level == Math.rint(level) ? String.format(Locale.US, "p%.0f", level)
                : "p" + String.format(Locale.US, "%s", level).replace(".", "");
    }

    private static void environment(Html h, ReportModel m) {
        List<String[]> rows = new ArrayList<>();
        for (Results.Found f : m.results().envs()) {
            rows.add(envRow(relative(m.results(), f.file()) + " (profile " + f.json().path("profile").asText("?")
                    + ")", f.json(), f.json().path("kernel").asText("")));
        }
        for (RunGroup g : m.groups()) {
            for (DriveRun r : g.runs()) {
                if (r.environment().isObject()) {
                    rows.add(envRow(g.label() + " (" + r.injectorId() + ")", r.environment(), ""));
                }
            }
        }
        m.results().capacities().forEach(c -> {
            if (c.environment().isObject()) {
                rows.add(envRow("capacity " + c.label(), c.environment(), ""));
            }
        });
        if (rows.isEmpty()) {
            return;
        }
        h.raw("<h2 id=\"environment\">Environment</h2>\n<div class=\"wide\">");
        h.table("environment", "source", "java", "jvm args", "cpus", "cpu model", "memory (GiB)", "os / kernel",
                "host", "git commit");
        rows.forEach(h::row);
        h.endTable();
        h.raw("</div>\n");
    }

    /** A file's path relative to the results folder it was found in, with that folder's name. */
    static String relative(Results r, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Path input : r.inputs()) {
            Path in = input.toAbsolutePath().normalize();
            if (abs.startsWith(in)) {
                Path name = in.getFileName();
                return (name == null ? "" : name + "/") + in.relativize(abs);
            }
        }
        return file.toString();
    }

    private static String[] envRow(String source, JsonNode e, String kernel) {
        List<String> args = new ArrayList<>();
        e.path("jvmArgs").forEach(a -> args.add(a.asText()));
        String commit = e.path("gitCommit").asText("");
        double mem = e.path("memoryBytes").asDouble(Double.NaN);
        String dirty = e.path("gitDirty").isBoolean() ? (e.path("gitDirty").asBoolean() ? " (dirty)" : "") : "";
        return new String[]{source, (e.path("javaVersion").asText("") + " " + e.path("javaVm").asText("")).trim(),
                String.join(" ", args), e.path("availableProcessors").asText(""), e.path("cpuModel").asText(""),
                Double.isFinite(mem) && mem > 0 ? String.format(Locale.US, "%.1f", mem / (1L << 30)) : Fmt.NA,
                (e.path("osName").asText("") + " " + e.path("osArch").asText("") + " "
                        + (kernel.isEmpty() ? e.path("osVersion").asText("") : kernel)).trim(),
                e.path("hostname").asText(""),
                (commit.length() > 10 ? commit.substring(0, 10) : commit.isEmpty() ? Fmt.NA : commit) + dirty};
    }
}
