package org.wsinfer.reports.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import org.wsinfer.reports.model.RunKey;
import org.wsinfer.reports.read.Results;
import org.wsinfer.reports.text.Fmt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the headline sentences. Binary vs text pairs run groups that differ only in framing; the p99 ratio is the
 * median over the matched rates of binary p99 / text p99 (each the median of its repeats), at the feature count with
 * the most matched pairs (ties: the larger feature count). Bytes compare the mean request wire bytes.
 */
public final class HeadlineBuilder {

    /** Framing that is compared against {@link #TEXT}. */
    public static final String BINARY = "binary";
    /** Framing that {@link #BINARY} is compared against. */
    public static final String TEXT = "text";

    private HeadlineBuilder() {
    }

    /** Builds the headline from the groups, capacity curves and any compare.json found. */
    public static Headline build(List<RunGroup> groups, List<CapacityCurve> curves, List<Results.Found> compares) {
        Map<String, Object> figures = new LinkedHashMap<>();
        String framing = framingSentence(groups, curves, figures);
        String capacity = capacitySentence(curves, figures);
        Boolean passed = null;
        String regression = null;
        if (!compares.isEmpty()) {
            JsonNode c = compares.get(compares.size() - 1).json();
            passed = "PASS".equalsIgnoreCase(c.path("verdict").asText());
            regression = String.format(Locale.US, "Regression check: %s — %d of %d metrics regressed (%s vs %s).",
                    passed ? "PASS" : "REGRESSION", c.path("regressions").asInt(), c.path("metricCount").asInt(),
                    c.path("candidate").asText("candidate"), c.path("baseline").asText("baseline"));
            figures.put("regressionVerdict", c.path("verdict").asText());
        }
        return new Headline(framing, capacity, regression, passed, figures);
    }

    private static String framingSentence(List<RunGroup> groups, List<CapacityCurve> curves,
                                          Map<String, Object> figures) {
        Map<RunKey, RunGroup> text = new HashMap<>();
        for (RunGroup g : groups) {
            if (TEXT.equals(g.framing())) {
                text.put(g.key().portable(), g);
            }
        }
        TreeMap<Integer, List<RunGroup[]>> pairsByFeatures = new TreeMap<>();
        for (RunGroup g : groups) {
            if (BINARY.equals(g.framing())) {
                RunGroup t = text.get(g.key().portable().withFraming(TEXT));
                if (t != null) {
                    pairsByFeatures.computeIfAbsent(g.key().features(), f -> new ArrayList<>()).add(new RunGroup[]{g, t});
                }
            }
        }
        Integer features = pairsByFeatures.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<Integer, List<RunGroup[]>> e) -> e.getValue().size())
                        .thenComparingInt(Map.Entry::getKey))
                .map(Map.Entry::getKey).orElse(null);
        List<String> parts = new ArrayList<>();
        if (features != null) {
            List<RunGroup[]> pairs = pairsByFeatures.get(features);
            double[] p99Ratios = pairs.stream().mapToDouble(p -> p[0].latency(l -> l.p99Us()).median()
                    / p[1].latency(l -> l.p99Us()).median()).toArray();
            double p99Ratio = Spread.of(p99Ratios).median();
            double binBytes = Spread.of(pairs.stream().mapToDouble(p -> p[0].spread(r -> r.bytes().requestWireBytes())
                    .median()).toArray()).median();
            double textBytes = Spread.of(pairs.stream().mapToDouble(p -> p[1].spread(r -> r.bytes().requestWireBytes())
                    .median()).toArray()).median();
            figures.put("features", features);
            figures.put("matchedRates", pairs.size());
            figures.put("binaryOverTextP99", p99Ratio);
            parts.add(String.format(Locale.US, "binary p99 is %s text at %d features (%s)", Fmt.ratio(p99Ratio),
                    features, pairs.size() == 1 ? "1 matched rate" : "median over " + pairs.size() + " matched rates"));
            double capRatio = capacityRatio(curves, features);
            if (Double.isFinite(capRatio)) {
                figures.put("binaryOverTextCapacity", capRatio);
                parts.add(Fmt.ratio(capRatio) + " the capacity");
            }
            if (Double.isFinite(binBytes) && Double.isFinite(textBytes) && binBytes > 0) {
                double bytesRatio = textBytes / binBytes;
                figures.put("textOverBinaryRequestBytes", bytesRatio);
                parts.add(bytesRatio >= 1 ? Fmt.ratio(bytesRatio) + " fewer bytes per request"
                        : Fmt.ratio(1 / bytesRatio) + " more bytes per request");
            }
            String first = parts.remove(0);
            String sentence = first + (parts.isEmpty() ? "" : ", " + parts.remove(0));
            if (!parts.isEmpty()) {
                sentence += "; " + parts.get(0);
            }
            long invalid = pairs.stream().flatMap(p -> java.util.stream.Stream.of(p[0], p[1]))
                    .filter(g -> !g.valid()).count();
            figures.put("invalidRunGroupsCompared", invalid);
            String main = capitalize(sentence) + ".";
            if (invalid > 0) {
                main += String.format(Locale.US, " Caution: %d of the %d run groups compared are invalid (see validity).",
                        invalid, pairs.size() * 2);
            }
            return main;
        }
        for (CapacityCurve c : curves) {
            if (BINARY.equals(c.framing())) {
                double capRatio = capacityRatio(curves, c.features());
                if (Double.isFinite(capRatio)) {
                    figures.put("features", c.features());
                    figures.put("binaryOverTextCapacity", capRatio);
                    return String.format(Locale.US, "Binary has %s the capacity of text at %d features.",
                            Fmt.ratio(capRatio), c.features());
                }
            }
        }
        return null;
    }

    private static double capacityRatio(List<CapacityCurve> curves, int features) {
        double bin = Double.NaN;
        double txt = Double.NaN;
        for (CapacityCurve c : curves) {
            if (c.features() == features && c.rows() == 1 || c.features() == features && Double.isNaN(bin)) {
                if (BINARY.equals(c.framing())) {
                    bin = c.maxSustainableHz();
                } else if (TEXT.equals(c.framing())) {
                    txt = c.maxSustainableHz();
                }
            }
        }
        return bin > 0 && txt > 0 && Double.isFinite(bin) && Double.isFinite(txt) ? bin / txt : Double.NaN;
    }

    private static String capacitySentence(List<CapacityCurve> curves, Map<String, Object> figures) {
        List<CapacityCurve> searched = curves.stream().filter(CapacityCurve::fromSearch).toList();
        List<CapacityCurve> shown = searched.isEmpty() ? curves : searched;
        if (shown.isEmpty()) {
            return null;
        }
        Map<String, List<CapacityCurve>> bySloAndFeatures = new LinkedHashMap<>();
        for (CapacityCurve c : shown) {
            bySloAndFeatures.computeIfAbsent(c.sloP99Us() + "|" + c.features(), k -> new ArrayList<>()).add(c);
        }
        List<String> clauses = new ArrayList<>();
        Map<String, Double> maxByLabel = new LinkedHashMap<>();
        boolean multipleFeatures = shown.stream().map(CapacityCurve::features).distinct().count() > 1;
        bySloAndFeatures.forEach((k, list) -> {
            StringBuilder sb = new StringBuilder();
            sb.append("p99 < ").append(Fmt.duration(list.get(0).sloP99Us()));
            if (multipleFeatures) {
                sb.append(" at ").append(list.get(0).features()).append(" features");
            }
            sb.append(": ");
            for (int i = 0; i < list.size(); i++) {
                CapacityCurve c = list.get(i);
                sb.append(i == 0 ? "" : ", ").append(c.framing()).append(' ').append(c.maxLabel());
                maxByLabel.put(c.framing() + "-f" + c.features(), c.maxSustainableHz());
            }
            clauses.add(sb.toString());
        });
        figures.put("maxSustainableRateHz", maxByLabel);
        return "Max sustainable rate " + (searched.isEmpty() ? "(highest passing swept rate) " : "")
                + "at " + String.join("; ", clauses) + ".";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
