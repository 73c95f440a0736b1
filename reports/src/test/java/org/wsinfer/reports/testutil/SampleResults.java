package org.wsinfer.reports.testutil;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wsinfer.reports.read.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A complete synthetic results folder (RESULTS.md layout): binary and text drive runs at three rates with repeats,
 * a capacity search per framing, a sweep.json, an env.json and a JMH file.
 */
public final class SampleResults {

    private SampleResults() {
    }

    /** Writes the folder and returns it. */
    public static Path write(Path dir) throws IOException {
        double[] rates = {500, 1000, 2000};
        ArrayNode sweep = Json.MAPPER.createArrayNode();
        long seed = 1;
        for (String framing : new String[]{"binary", "text"}) {
            double factor = framing.equals("binary") ? 1.0 : 1.6;
            for (double rate : rates) {
                for (int rep = 1; rep <= 2; rep++) {
                    String name = String.format(java.util.Locale.US, "%s-f16-r%.0f-rep%d", framing, rate, rep);
                    new SyntheticRun().framing(framing).rateHz(rate).seed(seed++)
                            .medianUs(factor * (80 + rate / 40) * (rep == 1 ? 1.0 : 1.04))
                            .bytes(framing.equals("binary") ? 86 : 292, framing.equals("binary") ? 38 : 78)
                            .stallUs(rate == 2000 ? 9000 : 0)
                            .write(dir.resolve("driver").resolve(name));
                    if (rep == 1) {
                        ObjectNode r = sweep.addObject();
                        r.put("framing", framing);
                        r.put("features", 16);
                        r.put("rows", 1);
                        r.put("rateHz", rate);
                        r.put("dir", name);
                    }
                }
            }
            capacity(dir.resolve("capacity").resolve(framing + "-f16"), framing, factor);
        }
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("schema", "wsinfer.sweep/1");
        s.set("runs", sweep);
        Json.MAPPER.writeValue(dir.resolve("sweep.json").toFile(), s);
        ObjectNode env = Json.MAPPER.createObjectNode();
        env.put("schema", "wsinfer.env/1");
        env.put("createdAt", "2026-12-04T15:00:00Z");
        env.put("profile", "quick");
        env.put("gitCommit", "0123456789abcdef0123456789abcdef01234567");
        env.put("gitDirty", false);
        env.put("javaVersion", "17.0.15");
        env.put("javaVm", "OpenJDK 64-Bit Server VM");
        env.putArray("jvmArgs");
        env.put("availableProcessors", 2);
        env.put("cpuModel", "Synthetic CPU");
        env.put("memoryBytes", 25_000_000_000L);
        env.put("osName", "Linux");
        env.put("osVersion", "6.1.0");
        env.put("kernel", "6.1.0-synthetic");
        env.putObject("configuration").put("profile", "quick");
        Json.MAPPER.writeValue(dir.resolve("env.json").toFile(), env);
        new JmhFixture()
                .add("org.wsinfer.microbench.CodecBenchmark.binaryEncodeRequest", "avgt", "ns/op", 120, 9,
                        "features", "16", "rows", "1")
                .add("org.wsinfer.microbench.CodecBenchmark.jsonEncodeRequest", "avgt", "ns/op", 900, 40,
                        "features", "16", "rows", "1")
                .add("org.wsinfer.microbench.CodecBenchmark.binaryEncodeRequest", "avgt", "ns/op", 700, 30,
                        "features", "256", "rows", "1")
                .add("org.wsinfer.microbench.CodecBenchmark.jsonEncodeRequest", "avgt", "ns/op", 9000, 300,
                        "features", "256", "rows", "1")
                .add("org.wsinfer.microbench.PipelineBenchmark.binary", "thrpt", "ops/s", 90000, 5000)
                .add("org.wsinfer.microbench.PipelineBenchmark.text", "thrpt", "ops/s", 30000, 2000)
                .write(dir);
        return dir;
    }

    private static void capacity(Path dir, String framing, double factor) throws IOException {
        Files.createDirectories(dir);
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("schema", "wsinfer.capacity/1");
        c.put("framing", framing);
        c.put("features", 16);
        c.put("rows", 1);
        c.put("sloP99Us", 2000.0);
        c.put("precisionHz", 100.0);
        ArrayNode steps = c.putArray("steps");
        double max = 0;
        int step = 1;
        for (double rate = 1000; rate <= 16000; rate *= 2) {
            double p99 = factor * 150 * Math.exp(rate / (framing.equals("binary") ? 5000 : 3000));
            boolean passed = p99 < 2000;
            if (passed) {
                max = rate;
            }
            ObjectNode s = steps.addObject();
            s.put("step", step);
            s.put("phase", "ladder");
            s.put("offeredHz", rate);
            s.put("achievedHz", rate * 0.999);
            s.put("p50Us", p99 / 2.5);
            s.put("p99Us", p99);
            s.put("p999Us", p99 * 1.8);
            s.put("errors", 0);
            s.put("timeouts", 0);
            s.put("valid", true);
            s.put("passed", passed);
            s.put("dir", String.format(java.util.Locale.US, "step-%02d-r%.0f", step++, rate));
        }
        c.put("maxSustainableRateHz", max);
        c.putObject("config").put("framing", framing);
        c.putObject("environment").put("javaVersion", "17.0.15").put("availableProcessors", 2);
        Json.MAPPER.writeValue(dir.resolve("capacity.json").toFile(), c);
    }

    /** Writes a sample folder to the path given as the first argument. */
    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]));
    }
}
