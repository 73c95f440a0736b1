package org.wsinfer.microbench.summary;

import java.util.List;
import java.util.Map;

/** The pipeline table: one request through the server chain, binary vs text, with the wire bytes. */
final class PipelineSummary {
    private PipelineSummary() {
    }

    static String markdown(List<JmhRecord> records) {
        Lookup l = new Lookup(records, "PipelineBenchmark");
        if (l.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("## PipelineBenchmark (median us per request through the handler chain)"
                + "\n\n| features | rows | binary us | text us | text/binary | binary wire bytes req/answer | "
                + "text wire bytes req/answer | binary alloc B | text alloc B |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int features : l.values("features")) {
            for (int rows : l.values("rows")) {
                Map<String, Integer> p = Map.of("features", features, "rows", rows);
                double b = l.ns("binary", p);
                double t = l.ns("text", p);
                sb.append("| ").append(features).append(" | ").append(rows).append(" | ").append(Fmt.us(b))
                        .append(" | ").append(Fmt.us(t)).append(" | ").append(Fmt.ratio(t / b))
                        .append(" | ").append(wire(l, "binary", p)).append(" | ").append(wire(l, "text", p))
                        .append(" | ").append(Fmt.count(sec(l, "binary", p, "gc.alloc.rate.norm")))
                        .append(" | ").append(Fmt.count(sec(l, "text", p, "gc.alloc.rate.norm"))).append(" |\n");
            }
        }
        return sb.append('\n').toString();
    }

    private static String wire(Lookup l, String method, Map<String, Integer> p) {
        return Fmt.count(sec(l, method, p, "requestWireBytes")) + " / " + Fmt.count(sec(l, method, p, "answerWireBytes"));
    }

    private static double sec(Lookup l, String method, Map<String, Integer> p, String name) {
        return l.find(method, p).map(r -> r.secondary(name)).orElse(Double.NaN);
    }
}
