package org.wsinfer.microbench.summary;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The model-call table: ns per call and per row for each path, and for each ND4J path its fixed cost per call, its
 * marginal cost per row, and the batch size at which its cost per row comes within 2x of the plain-Java floor.
 */
final class InferenceSummary {
    static final String[] ND4J_PATHS = {"serverModel", "nd4jGemm", "nd4jNaive"};
    private static final String FLOOR = "javaFloor";

    private InferenceSummary() {
    }

    static String markdown(List<JmhRecord> records) {
        Lookup l = new Lookup(records, "InferenceBenchmark");
        if (l.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("## InferenceBenchmark (median ns per model call; per row in brackets)\n\n");
        TreeSet<Integer> rowValues = l.values("rows");
        for (int features : l.values("features")) {
            sb.append("### features ").append(features).append(" -> 1 output\n\n| rows |");
            String[] methods = {FLOOR, "javaReference", "serverModel", "nd4jGemm", "nd4jNaive"};
            for (String m : methods) {
                sb.append(' ').append(m).append(" ns (/row) |");
            }
            sb.append("\n|---:|");
            for (int i = 0; i < methods.length; i++) {
                sb.append("---:|");
            }
            sb.append('\n');
            for (int rows : rowValues) {
                sb.append("| ").append(rows).append(" |");
                for (String m : methods) {
                    double ns = l.ns(m, Map.of("features", features, "rows", rows));
                    sb.append(' ').append(Fmt.ns(ns)).append(" (").append(Fmt.ns(ns / rows)).append(") |");
                }
                sb.append('\n');
            }
            sb.append('\n');
            Line floor = Line.fit(l, FLOOR, features, rowValues);
            sb.append("| path | fixed cost per call us | marginal ns per row | per row within 2x of Java at "
                    + "(measured) | (model) |\n|---|---:|---:|---:|---:|\n");
            sb.append("| ").append(FLOOR).append(" | ").append(Fmt.us(floor.fixedNs)).append(" | ")
                    .append(Fmt.ns(floor.perRowNs)).append(" | - | - |\n");
            for (String m : ND4J_PATHS) {
                Line nd4j = Line.fit(l, m, features, rowValues);
                sb.append("| ").append(m).append(" | ").append(Fmt.us(nd4j.fixedNs)).append(" | ")
                        .append(Fmt.ns(nd4j.perRowNs)).append(" | ")
                        .append(measuredCrossover(l, m, features, rowValues)).append(" | ")
                        .append(modelCrossover(nd4j, floor)).append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("Fixed cost = time at the smallest batch minus its rows times the marginal cost; marginal cost per "
                + "row = slope between the smallest and the largest batch. \"Within 2x\" = ND4J's ns per row <= 2 x "
                + "the Java loop's ns per row at the same batch size; (model) solves a + b*r <= 2*(a' + b'*r) "
                + "with the two lines.\n\n");
        return sb.toString();
    }

    /** The smallest measured batch at which {@code method}'s time per row is within 2x of the floor's. */
    private static String measuredCrossover(Lookup l, String method, int features, TreeSet<Integer> rows) {
        for (int r : rows) {
            Map<String, Integer> p = Map.of("features", features, "rows", r);
            double nd4j = l.ns(method, p);
            double java = l.ns(FLOOR, p);
            if (!Double.isNaN(nd4j) && !Double.isNaN(java) && nd4j <= 2 * java) {
                return "rows " + r;
            }
        }
        return "not up to rows " + rows.last();
    }

    /** The batch size where the two lines say ND4J's time per row drops to 2x the floor's, or why it never does. */
    private static String modelCrossover(Line nd4j, Line floor) {
        if (Double.isNaN(nd4j.perRowNs) || Double.isNaN(floor.perRowNs)) {
            return "-";
        }
        double slopeGap = 2 * floor.perRowNs - nd4j.perRowNs;
        double fixedGap = nd4j.fixedNs - 2 * floor.fixedNs;
        if (fixedGap <= 0) {
            return "rows 1";
        }
        if (slopeGap <= 0) {
            return String.format(Locale.US, "never (%.1f ns/row > 2 x %.1f)", nd4j.perRowNs, floor.perRowNs);
        }
        return String.format(Locale.US, "rows %.0f", Math.ceil(fixedGap / slopeGap));
    }

    /** {@code t(rows) = fixedNs + perRowNs * rows} through the smallest and the largest measured batch. */
    record Line(double fixedNs, double perRowNs) {
        static Line fit(Lookup l, String method, int features, TreeSet<Integer> rows) {
            if (rows.size() < 2) {
                return new Line(Double.NaN, Double.NaN);
            }
            int r0 = rows.first();
            int r1 = rows.last();
            double t0 = l.ns(method, Map.of("features", features, "rows", r0));
            double t1 = l.ns(method, Map.of("features", features, "rows", r1));
            double slope = (t1 - t0) / (r1 - r0);
            return new Line(t0 - slope * r0, slope);
        }
    }
}
