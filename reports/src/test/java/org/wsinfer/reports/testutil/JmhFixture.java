package org.wsinfer.reports.testutil;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wsinfer.reports.read.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a JMH {@code -rf json} file with chosen scores, for comparison tests. */
public final class JmhFixture {

    private final ArrayNode root = Json.MAPPER.createArrayNode();

    /** Adds a result. */
    public JmhFixture add(String benchmark, String mode, String unit, double score, double error, String... params) {
        ObjectNode b = root.addObject();
        b.put("jmhVersion", "1.37");
        b.put("benchmark", benchmark);
        b.put("mode", mode);
        b.put("threads", 1);
        b.put("forks", 1);
        ObjectNode p = b.putObject("params");
        for (int i = 0; i + 1 < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        ObjectNode pm = b.putObject("primaryMetric");
        pm.put("score", score);
        pm.put("scoreError", error);
        pm.putArray("scoreConfidence").add(score - error).add(score + error);
        pm.putObject("scorePercentiles").put("50.0", score);
        pm.put("scoreUnit", unit);
        pm.putArray("rawData").addArray().add(score).add(score);
        b.putObject("secondaryMetrics");
        return this;
    }

    /** Writes {@code dir/jmh/jmh.json}. */
    public Path write(Path dir) throws IOException {
        Path file = dir.resolve("jmh").resolve("jmh.json");
        Files.createDirectories(file.getParent());
        Json.MAPPER.writeValue(file.toFile(), root);
        return file;
    }
}
