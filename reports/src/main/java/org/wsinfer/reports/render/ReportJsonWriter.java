package org.wsinfer.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wsinfer.reports.analysis.Breakdown;
import org.wsinfer.reports.analysis.CapacityCurve;
import org.wsinfer.reports.analysis.CurvePoint;
import org.wsinfer.reports.analysis.RunGroup;
import org.wsinfer.reports.analysis.Spread;
import org.wsinfer.reports.model.GatlingStats;
import org.wsinfer.reports.model.JmhResult;
import org.wsinfer.reports.read.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes {@code report.json} (schema {@code wsinfer.report/1}): the figures behind the page, machine-readable. */
public final class ReportJsonWriter {

    /** File name. */
    public static final String FILE = "report.json";

    private ReportJsonWriter() {
    }

    /** Writes report.json into the report folder. */
    public static Path write(ReportModel m) {
        Path file = m.config().outDir().resolve(FILE);
        try {
            Json.MAPPER.writeValue(file.toFile(), tree(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The JSON tree. */
    public static ObjectNode tree(ReportModel m) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema", "wsinfer.report/1");
        root.put("createdAt", m.createdAt());
        ArrayNode inputs = root.putArray("inputs");
        m.results().inputs().forEach(p -> inputs.add(p.toString()));
        ObjectNode headline = root.putObject("headline");
        ArrayNode sentences = headline.putArray("sentences");
        m.headline().sentences().forEach(sentences::add);
        headline.set("figures", Json.MAPPER.valueToTree(m.headline().figures()));
        ArrayNode runs = root.putArray("runs");
        for (RunGroup g : m.groups()) {
            ObjectNode r = runs.addObject();
            r.put("label", g.label());
            r.put("framing", g.framing());
            r.put("features", g.key().features());
            r.put("rows", g.key().rows());
            r.put("offeredHz", g.key().offeredHz());
            r.put("connections", g.key().connections());
            r.put("url", g.key().url());
            r.put("repeats", g.repeats());
            spread(r, "answeredHz", g.spread(x -> x.rates().answeredHz()));
            spread(r, "p50Us", g.latency(l -> l.p50Us()));
            spread(r, "p90Us", g.latency(l -> l.p90Us()));
            spread(r, "p99Us", g.latency(l -> l.p99Us()));
            spread(r, "p999Us", g.latency(l -> l.p999Us()));
            spread(r, "maxUs", g.latency(l -> l.maxUs()));
            r.put("errors", g.total(x -> x.counts().errors()));
            r.put("timeouts", g.total(x -> x.counts().timeouts()));
            r.put("requestWireBytes", g.spread(x -> x.bytes().requestWireBytes()).median());
            r.put("answerWireBytes", g.spread(x -> x.bytes().answerWireBytes()).median());
            r.put("valid", g.valid());
            ArrayNode reasons = r.putArray("reasons");
            g.reasons().forEach(reasons::add);
            ArrayNode dirs = r.putArray("dirs");
            g.runs().forEach(x -> dirs.add(x.dir().toString()));
        }
        ArrayNode curves = root.putArray("capacity");
        for (CapacityCurve c : m.curves()) {
            ObjectNode n = curves.addObject();
            n.put("framing", c.framing());
            n.put("features", c.features());
            n.put("rows", c.rows());
            n.put("sloP99Us", c.sloP99Us());
            n.put("maxSustainableRateHz", c.maxSustainableHz());
            n.put("fromSearch", c.fromSearch());
            ArrayNode pts = n.putArray("points");
            for (CurvePoint p : c.points()) {
                ObjectNode o = pts.addObject();
                o.put("offeredHz", p.offeredHz());
                o.put("p50Us", p.p50Us());
                o.put("p99Us", p.p99Us());
                o.put("p999Us", p.p999Us());
                o.put("passed", p.passed());
                o.put("source", p.source());
            }
        }
        ArrayNode breakdown = root.putArray("breakdown");
        for (Breakdown b : m.breakdowns()) {
            ObjectNode o = breakdown.addObject();
            o.put("label", b.label());
            o.put("computeMeanUs", b.computeUs());
            o.put("queueMeanUs", b.queueUs());
            o.put("networkMeanUs", b.networkUs());
            o.put("backlogMeanUs", b.backlogUs());
        }
        ArrayNode jmh = root.putArray("jmh");
        for (JmhResult j : m.results().jmh()) {
            ObjectNode o = jmh.addObject();
            o.put("benchmark", j.benchmark());
            o.put("mode", j.mode());
            o.set("params", Json.MAPPER.valueToTree(j.params()));
            o.put("score", j.score());
            o.put("scoreError", j.scoreError());
            o.put("scoreUnit", j.scoreUnit());
        }
        ArrayNode gatling = root.putArray("gatling");
        for (GatlingStats g : m.results().gatling()) {
            ObjectNode o = gatling.addObject();
            o.put("simulation", g.simulation());
            o.put("dir", g.dir().toString());
            o.put("requests", g.global().total());
            o.put("ko", g.global().ko());
            o.put("meanRps", g.global().meanRps());
            ObjectNode pct = o.putObject("percentilesMs");
            for (int i = 0; i < g.percentileLevels().size() && i < g.global().percentilesMs().size(); i++) {
                pct.put(HtmlWriter.pct(g.percentileLevels().get(i)), g.global().percentilesMs().get(i));
            }
        }
        ArrayNode plots = root.putArray("plots");
        for (Plot p : m.plots()) {
            ObjectNode o = plots.addObject();
            o.put("section", p.section());
            o.put("file", p.file());
            o.put("title", p.title());
            ArrayNode s = o.putArray("series");
            p.series().forEach(s::add);
        }
        return root;
    }

    private static void spread(ObjectNode n, String name, Spread s) {
        n.put(name, s.median());
        if (s.n() > 1) {
            n.put(name + "Min", s.min());
            n.put(name + "Max", s.max());
        }
    }
}
