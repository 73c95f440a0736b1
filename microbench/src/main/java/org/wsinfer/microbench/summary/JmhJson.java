package org.wsinfer.microbench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads JMH {@code -rf json} files (average-time mode) into {@link JmhRecord}s, and merges several into one. */
public final class JmhJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JmhJson() {
    }

    /** The records of one JMH JSON file. */
    public static List<JmhRecord> read(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": not a JMH JSON result (expected a top-level array)");
        }
        List<JmhRecord> out = new ArrayList<>();
        for (JsonNode b : root) {
            out.add(record(file, b));
        }
        return out;
    }

    private static JmhRecord record(Path file, JsonNode b) throws IOException {
        String full = b.path("benchmark").asText();
        String[] parts = full.split("\\.");
        if (parts.length < 2) {
            throw new IOException(file + ": bad benchmark name '" + full + "'");
        }
        String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
        if (!"avgt".equals(b.path("mode").asText())) {
            throw new IOException(file + ": " + name + " is in mode " + b.path("mode").asText() + ", expected avgt");
        }
        Map<String, String> params = new LinkedHashMap<>();
        b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        JsonNode primary = b.path("primaryMetric");
        double[] raw = raw(primary);
        double toNs = nsPer(primary.path("scoreUnit").asText(), file, name);
        double[] rawNs = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            rawNs[i] = raw[i] * toNs;
        }
        double medianNs = JmhRecord.median(rawNs);
        Map<String, Double> secondaries = new LinkedHashMap<>();
        b.path("secondaryMetrics").fields().forEachRemaining(e ->
                secondaries.put(e.getKey(), JmhRecord.median(raw(e.getValue()))));
        List<String> jvmArgs = new ArrayList<>();
        b.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        return new JmhRecord(name, params, medianNs, raw.length, secondaries, jvmArgs, rawNs);
    }

    /** Every per-iteration value of every fork. */
    private static double[] raw(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                values.add(v.asDouble());
            }
        }
        if (values.isEmpty() && metric.has("score")) {
            values.add(metric.path("score").asDouble());
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double nsPer(String unit, Path file, String name) throws IOException {
        switch (unit) {
            case "ns/op":
                return 1;
            case "us/op":
                return TimeUnit.MICROSECONDS.toNanos(1);
            case "ms/op":
                return TimeUnit.MILLISECONDS.toNanos(1);
            case "s/op":
                return TimeUnit.SECONDS.toNanos(1);
            default:
                throw new IOException(String.format(Locale.US, "%s: %s has unit %s, expected a time per op", file,
                        name, unit));
        }
    }

    /** The records of several files (e.g. repeated rounds), the same case pooled into one median over all iterations. */
    public static List<JmhRecord> readPooled(List<Path> files) throws IOException {
        List<JmhRecord> out = new ArrayList<>();
        for (Path f : files) {
            for (JmhRecord r : read(f)) {
                int at = -1;
                for (int i = 0; i < out.size(); i++) {
                    if (out.get(i).sameCase(r)) {
                        at = i;
                        break;
                    }
                }
                if (at < 0) {
                    out.add(r);
                } else {
                    out.set(at, out.get(at).pooledWith(r));
                }
            }
        }
        return out;
    }

    /** Concatenates the result arrays of {@code inputs} into {@code out}. */
    public static int merge(List<Path> inputs, Path out) throws IOException {
        ArrayNode all = MAPPER.createArrayNode();
        for (Path in : inputs) {
            JsonNode root = MAPPER.readTree(in.toFile());
            if (root == null || !root.isArray()) {
                throw new IOException(in + ": not a JMH JSON result (expected a top-level array)");
            }
            all.addAll((ArrayNode) root);
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), all);
        return all.size();
    }
}
