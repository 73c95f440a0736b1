package org.wsinfer.microbench.summary;

import java.util.List;
import java.util.Map;

/** The codec table: encode and decode per framing, bytes per message, the text/binary ratio, allocation per op. */
final class CodecSummary {
    private static final String ALLOC = "gc.alloc.rate.norm";

    private CodecSummary() {
    }

    static String markdown(List<JmhRecord> records) {
        Lookup l = new Lookup(records, "CodecBenchmark");
        if (l.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("## CodecBenchmark (median ns per message)\n\n");
        for (String kind : new String[] {"Request", "Prediction"}) {
            sb.append("### ").append(kind).append("s\n\n")
                    .append("| features | rows | binary bytes | JSON bytes | binary enc ns | binary dec ns | "
                            + "JSON enc ns | JSON dec ns | text/binary enc+dec | binary alloc B (enc+dec) | "
                            + "JSON alloc B (enc+dec) |\n")
                    .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int features : l.values("features")) {
                for (int rows : l.values("rows")) {
                    Map<String, Integer> p = Map.of("features", features, "rows", rows);
                    if (l.find("binaryEncode" + kind, p).isEmpty() && l.find("jsonEncode" + kind, p).isEmpty()) {
                        continue;
                    }
                    double be = l.ns("binaryEncode" + kind, p);
                    double bd = l.ns("binaryDecode" + kind, p);
                    double je = l.ns("jsonEncode" + kind, p);
                    double jd = l.ns("jsonDecode" + kind, p);
                    sb.append("| ").append(features).append(" | ").append(rows)
                            .append(" | ").append(Fmt.count(secondary(l, "binaryEncode" + kind, p, "messageBytes")))
                            .append(" | ").append(Fmt.count(secondary(l, "jsonEncode" + kind, p, "messageBytes")))
                            .append(" | ").append(Fmt.ns(be)).append(" | ").append(Fmt.ns(bd))
                            .append(" | ").append(Fmt.ns(je)).append(" | ").append(Fmt.ns(jd))
                            .append(" | ").append(Fmt.ratio((je + jd) / (be + bd)))
                            .append(" | ").append(Fmt.count(secondary(l, "binaryEncode" + kind, p, ALLOC)
                                    + secondary(l, "binaryDecode" + kind, p, ALLOC)))
                            .append(" | ").append(Fmt.count(secondary(l, "jsonEncode" + kind, p, ALLOC)
                                    + secondary(l, "jsonDecode" + kind, p, ALLOC)))
                            .append(" |\n");
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static double secondary(Lookup l, String method, Map<String, Integer> p, String name) {
        return l.find(method, p).map(r -> r.secondary(name)).orElse(Double.NaN);
    }
}
