package org.wsinfer.reports.read;

import com.fasterxml.jackson.databind.JsonNode;
import org.wsinfer.reports.model.JmhResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JMH's {@code -rf json} output: an array of benchmark results with a primaryMetric each. */
public final class JmhReader {

    private JmhReader() {
    }

    /** Reads every result in the file (an empty array gives an empty list). */
    public static List<JmhResult> read(Path file) {
        JsonNode root = Json.read(file);
        if (!root.isArray()) {
            throw new InputException(file, "not JMH -rf json output (expected a JSON array)");
        }
        List<JmhResult> out = new ArrayList<>();
        for (JsonNode b : root) {
            JsonNode pm = b.path("primaryMetric");
            if (!pm.isObject()) {
                throw new InputException(file, "benchmark without 'primaryMetric'");
            }
            Map<String, String> params = new LinkedHashMap<>();
            b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            out.add(new JmhResult(Json.text(file, b, "benchmark"), Json.optText(b, "mode", ""), params,
                    score(file, pm.path("score")), score(file, pm.path("scoreError")),
                    Json.optText(pm, "scoreUnit", ""), (int) Json.optLong(b, "forks", 0),
                    (int) Json.optLong(b, "threads", 1)));
        }
        return out;
    }

    /** True when the file is a JSON array whose first element has a primaryMetric (other JSON is not JMH's). */
    public static boolean looksLikeJmh(Path file) {
        try {
            JsonNode root = Json.read(file);
            return root.isArray() && (root.isEmpty() || root.get(0).path("primaryMetric").isObject());
        } catch (InputException e) {
            return false;
        }
    }

    private static double score(Path file, JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        if (n.isMissingNode()) {
            throw new InputException(file, "benchmark without 'primaryMetric.score'");
        }
        return Double.NaN;
    }
}
