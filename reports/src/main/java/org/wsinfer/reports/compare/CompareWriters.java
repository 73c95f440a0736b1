package org.wsinfer.reports.compare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wsinfer.reports.analysis.Spread;
import org.wsinfer.reports.read.Json;
import org.wsinfer.reports.text.Fmt;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a comparison as {@code compare.md} (pull-request comment), {@code compare.json} and JUnit XML. */
public final class CompareWriters {

    /** Markdown file name. */
    public static final String MD = "compare.md";
    /** JSON file name. */
    public static final String JSON = "compare.json";
    /** JUnit XML file name. */
    public static final String JUNIT = "compare-junit.xml";

    /** The rule, as stated in compare.md. */
    public static final String RULE = "A metric regresses when the candidate's median is worse than the baseline's "
            + "whole range over repeats ([min, max]; one repeat: its value) widened by the threshold; so a change "
            + "inside the run-to-run spread is noise. JMH scores use their 99.9% error intervals: overlapping "
            + "intervals never regress, and apart ones must also differ by more than the jmh threshold. "
            + "Time per operation: higher is worse; operations per time: lower is worse. Errors and timeouts "
            + "regress when the baseline had none. Metrics without a threshold are informational.";

    /** Pseudo-unit of yes/no metrics. */
    static final String BOOLEAN = "yes/no";

    private CompareWriters() {
    }

    /** Writes all three files into the out folder. */
    public static void writeAll(Comparison c, Path outDir, Instant now) {
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve(MD), markdown(c), StandardCharsets.UTF_8);
            Json.MAPPER.writeValue(outDir.resolve(JSON).toFile(), json(c, now));
            try (OutputStream os = Files.newOutputStream(outDir.resolve(JUNIT))) {
                junit(c, os);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison into " + outDir, e);
        }
    }

    /** compare.md. */
    public static String markdown(Comparison c) {
        StringBuilder sb = new StringBuilder();
        List<MetricResult> reg = c.regressions();
        long judged = c.metrics().stream().filter(m -> m.threshold() != null).count();
        sb.append("## wsinfer compare: ").append(c.passed() ? "✅ PASS" : "❌ REGRESSION").append("\n\n");
        sb.append("Baseline `").append(c.baseline()).append("` → candidate `").append(c.candidate()).append("`: ")
                .append(reg.size()).append(" of ").append(judged).append(" checked metrics regressed.\n\n");
        for (String note : c.notes()) {
            sb.append("> ").append(note).append("\n\n");
        }
        if (!reg.isEmpty()) {
            sb.append("### Regressions\n\n");
            for (MetricResult m : reg) {
                sb.append("- **").append(m.group()).append(" — ").append(m.metric()).append("**: ")
                        .append(value(m.baseline(), m.unit())).append(" → ").append(value(m.candidate(), m.unit()))
                        .append(" (").append(Fmt.change(m.change())).append("); ").append(m.reason()).append('\n');
            }
            sb.append('\n');
        }
        Map<String, List<MetricResult>> byGroup = new LinkedHashMap<>();
        c.metrics().forEach(m -> byGroup.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(m));
        sb.append("### All metrics\n\n");
        sb.append("| group | metric | baseline | candidate | change | threshold | verdict |\n");
        sb.append("|---|---|---:|---:|---:|---:|---|\n");
        byGroup.forEach((g, list) -> {
            for (MetricResult m : list) {
                String shown = m.unit().equals(BOOLEAN) ? BOOLEAN : "";
                sb.append("| ").append(g).append(" | ").append(m.metric()).append(m.unit().isEmpty()
                                || m.unit().equals(BOOLEAN) ? "" : " (" + m.unit() + ")").append(" | ")
                        .append(value(m.baseline(), shown))
                        .append(" | ").append(value(m.candidate(), shown)).append(" | ").append(Fmt.change(m.change()))
                        .append(" | ").append(m.threshold() == null ? "—" : (m.higherIsWorse() ? "+" : "−")
                                + Fmt.percent(m.threshold())).append(" | ").append(badge(m.verdict())).append(" |\n");
            }
        });
        sb.append("\n<details><summary>Rule and thresholds</summary>\n\n").append(RULE).append("\n\nThresholds: `")
                .append(c.thresholds()).append("`\n\n</details>\n");
        return sb.toString();
    }

    private static String value(Spread s, String unit) {
        if (!s.present()) {
            return "—";
        }
        if (unit.equals(BOOLEAN)) {
            return s.median() >= 1 ? "yes" : "no";
        }
        String v = Fmt.num(s.median());
        if (s.min() != s.max()) {
            v += " [" + Fmt.num(s.min()) + "–" + Fmt.num(s.max()) + "]";
        }
        return unit.isEmpty() ? v : v + " " + unit;
    }

    private static String badge(Verdict v) {
        return switch (v) {
            case PASS -> "pass";
            case IMPROVED -> "improved";
            case REGRESSION -> "**REGRESSION**";
            case INFO -> "info";
            case MISSING -> "missing in candidate";
        };
    }

    /** compare.json (schema wsinfer.compare/1). */
    public static ObjectNode json(Comparison c, Instant now) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema", "wsinfer.compare/1");
        root.put("createdAt", now.toString());
        root.put("baseline", c.baseline().toString());
        root.put("candidate", c.candidate().toString());
        root.put("verdict", c.passed() ? "PASS" : "REGRESSION");
        root.put("regressions", c.regressions().size());
        root.put("metricCount", c.metrics().stream().filter(m -> m.threshold() != null).count());
        root.put("rule", RULE);
        ObjectNode th = root.putObject("thresholds");
        c.thresholds().asMap().forEach(th::put);
        ArrayNode notes = root.putArray("notes");
        c.notes().forEach(notes::add);
        ArrayNode metrics = root.putArray("metrics");
        for (MetricResult m : c.metrics()) {
            ObjectNode o = metrics.addObject();
            o.put("group", m.group());
            o.put("metric", m.metric());
            o.put("unit", m.unit());
            o.put("higherIsWorse", m.higherIsWorse());
            spread(o.putObject("baseline"), m.baseline());
            spread(o.putObject("candidate"), m.candidate());
            o.put("change", m.change());
            if (m.threshold() == null) {
                o.putNull("threshold");
            } else {
                o.put("threshold", m.threshold());
            }
            o.put("verdict", m.verdict().name());
            o.put("reason", m.reason());
        }
        return root;
    }

    private static void spread(ObjectNode o, Spread s) {
        o.put("median", s.median());
        o.put("min", s.min());
        o.put("max", s.max());
        o.put("n", s.n());
    }

    /** JUnit XML: one test case per metric with a threshold, a failure per regression, missing ones skipped. */
    public static void junit(Comparison c, OutputStream os) throws IOException {
        List<MetricResult> cases = c.metrics().stream()
                .filter(m -> m.threshold() != null || m.verdict() == Verdict.MISSING).toList();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", "wsinfer.compare");
            w.writeAttribute("tests", Integer.toString(cases.size()));
            w.writeAttribute("failures", Long.toString(cases.stream().filter(m -> m.verdict().fails()).count()));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", Long.toString(cases.stream().filter(m -> m.verdict() == Verdict.MISSING)
                    .count()));
            w.writeAttribute("time", "0");
            w.writeCharacters("\n");
            for (MetricResult m : cases) {
                w.writeCharacters("  ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", "compare." + m.group().replaceAll("[^A-Za-z0-9_.\\-]+", "_"));
                w.writeAttribute("name", m.metric());
                w.writeAttribute("time", "0");
                String detail = String.format(Locale.US, "%s %s: baseline %s, candidate %s, change %s; %s", m.group(),
                        m.metric(), value(m.baseline(), m.unit()), value(m.candidate(), m.unit()),
                        Fmt.change(m.change()), m.reason());
                if (m.verdict().fails()) {
                    w.writeStartElement("failure");
                    w.writeAttribute("message", detail);
                    w.writeAttribute("type", "regression");
                    w.writeCharacters(detail);
                    w.writeEndElement();
                } else if (m.verdict() == Verdict.MISSING) {
                    w.writeEmptyElement("skipped");
                    w.writeAttribute("message", "missing in candidate");
                } else {
                    w.writeStartElement("system-out");
                    w.writeCharacters(detail);
                    w.writeEndElement();
                }
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML", e);
        }
    }
}
