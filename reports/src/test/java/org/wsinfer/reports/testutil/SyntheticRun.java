package org.wsinfer.reports.testutil;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.wsinfer.reports.read.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic drive folder for tests: a seeded latency distribution recorded into an HdrHistogram interval log
 * with the driver's four tags, and a summary.json whose figures are computed from those histograms.
 */
public final class SyntheticRun {

    private String framing = "binary";
    private int features = 16;
    private double rateHz = 1000;
    private int connections = 4;
    private String url = "ws://127.0.0.1:8080/ws";
    private String injectorId = "local";
    private double medianUs = 100;
    private long seed = 1;
    private int intervals = 5;
    private int perInterval = 500;
    private long errors;
    private long timeouts;
    private boolean valid = true;
    private double requestWireBytes = 86;
    private double answerWireBytes = 38;
    private double clockOffsetMs;
    private long startMs = 1_796_000_000_000L;
    private double stallUs;

    public SyntheticRun framing(String v) { framing = v; return this; }
    public SyntheticRun features(int v) { features = v; return this; }
    public SyntheticRun rateHz(double v) { rateHz = v; return this; }
    public SyntheticRun connections(int v) { connections = v; return this; }
    public SyntheticRun url(String v) { url = v; return this; }
    public SyntheticRun injector(String v) { injectorId = v; return this; }
    public SyntheticRun medianUs(double v) { medianUs = v; return this; }
    public SyntheticRun seed(long v) { seed = v; return this; }
    public SyntheticRun intervals(int v) { intervals = v; return this; }
    public SyntheticRun perInterval(int v) { perInterval = v; return this; }
    public SyntheticRun errors(long v) { errors = v; return this; }
    public SyntheticRun timeouts(long v) { timeouts = v; return this; }
    public SyntheticRun valid(boolean v) { valid = v; return this; }
    public SyntheticRun bytes(double request, double answer) { requestWireBytes = request; answerWireBytes = answer; return this; }
    public SyntheticRun clockOffsetMs(double v) { clockOffsetMs = v; return this; }
    public SyntheticRun startMs(long v) { startMs = v; return this; }
    /** Adds one stall of the given latency in the middle interval. */
    public SyntheticRun stallUs(double v) { stallUs = v; return this; }

    /** Writes summary.json and latency.hlog into {@code dir} and returns it. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random rnd = new Random(seed);
        String[] tags = {"corrected", "uncorrected", "server_queue", "server_compute"};
        double[] scale = {1.0, 0.9, 0.1, 0.3};
        Histogram[] totals = new Histogram[tags.length];
        for (int t = 0; t < tags.length; t++) {
            totals[t] = new Histogram(3);
        }
        List<Histogram> all = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            long s = startMs + i * 1000L;
            double[] base = new double[perInterval];
            for (int k = 0; k < perInterval; k++) {
                base[k] = medianUs * Math.exp(0.35 * rnd.nextGaussian());
            }
            for (int t = 0; t < tags.length; t++) {
                Histogram h = new Histogram(3);
                h.setTag(tags[t]);
                h.setStartTimeStamp(s);
                h.setEndTimeStamp(s + 1000);
                for (double us : base) {
                    h.recordValue(Math.max(1, (long) (us * scale[t] * 1000)));
                }
                if (stallUs > 0 && i == intervals / 2 && t < 2) {
                    h.recordValue((long) (stallUs * 1000));
                }
                all.add(h);
                totals[t].add(h);
            }
        }
        try (PrintStream ps = new PrintStream(Files.newOutputStream(dir.resolve("latency.hlog")), false,
                StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputLogFormatVersion();
            w.outputStartTime(startMs);
            w.setBaseTime(startMs);
            w.outputBaseTime(startMs);
            w.outputLegend();
            all.forEach(w::outputIntervalHistogram);
        }
        long ok = totals[0].getTotalCount() - errors - timeouts;
        long sent = totals[0].getTotalCount();
        double durationMs = intervals * 1000.0;
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema", "wsinfer.drive.summary/1");
        root.put("injectorId", injectorId);
        root.put("startedAt", java.time.Instant.ofEpochMilli(startMs - 2000).toString());
        root.put("finishedAt", java.time.Instant.ofEpochMilli(startMs + (long) durationMs).toString());
        ObjectNode config = root.putObject("config");
        config.put("url", url);
        config.put("framing", framing);
        config.put("rateHz", rateHz);
        config.put("arrival", "constant");
        config.put("seed", seed);
        config.put("durationMs", (long) durationMs);
        config.put("warmupMs", 2000);
        config.put("connections", connections);
        config.put("rows", 1);
        config.put("features", features);
        config.put("inputs", "random");
        ObjectNode env = root.putObject("environment");
        env.put("javaVersion", "17.0.15");
        env.put("javaVm", "OpenJDK 64-Bit Server VM");
        env.putArray("jvmArgs").add("-Xmx1g");
        env.put("availableProcessors", 2);
        env.put("cpuModel", "Synthetic CPU");
        env.put("memoryBytes", 25_000_000_000L);
        env.put("osName", "Linux");
        env.put("osVersion", "6.1.0");
        env.put("osArch", "amd64");
        env.put("hostname", injectorId + "-host");
        env.put("gitCommit", "0123456789abcdef0123456789abcdef01234567");
        env.put("gitDirty", false);
        ObjectNode counts = root.putObject("counts");
        counts.put("sent", sent);
        counts.put("ok", ok);
        counts.put("errors", errors);
        counts.putObject("errorsByCode").put("OVERLOADED", errors);
        counts.put("timeouts", timeouts);
        counts.put("lost", 0);
        counts.put("connectionFailures", 0);
        counts.put("warmupSent", 2000);
        root.put("measuredDurationMs", (long) durationMs);
        ObjectNode rates = root.putObject("rates");
        rates.put("offeredHz", rateHz);
        rates.put("achievedSendHz", rateHz * 0.9995);
        rates.put("answeredHz", rateHz * 0.9995 * ok / sent);
        ObjectNode lat = root.putObject("latency");
        String[] names = {"corrected", "uncorrected", "serverQueue", "serverCompute"};
        for (int t = 0; t < tags.length; t++) {
            lat.set(names[t], stats(totals[t]));
        }
        lat.set("sendLag", stats(totals[2]));
        ObjectNode bytes = root.putObject("bytes");
        bytes.put("requestPayloadBytes", requestWireBytes - 6);
        bytes.put("requestWireBytes", requestWireBytes);
        bytes.put("answerPayloadBytes", answerWireBytes - 2);
        bytes.put("answerWireBytes", answerWireBytes);
        ObjectNode validity = root.putObject("validity");
        validity.put("valid", valid);
        if (!valid) {
            validity.putArray("reasons").add("driver fell behind: send lag p99 > 1 ms");
        } else {
            validity.putArray("reasons");
        }
        ObjectNode verification = root.putObject("verification");
        verification.put("checked", 0);
        verification.put("mismatches", 0);
        verification.put("maxRelativeError", 0.0);
        ObjectNode clock = root.putObject("clock");
        clock.put("offsetMs", clockOffsetMs);
        clock.put("roundTripMs", 0.4);
        clock.put("samples", 3);
        Json.MAPPER.writeValue(dir.resolve("summary.json").toFile(), root);
        return dir;
    }

    private static ObjectNode stats(Histogram h) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("count", h.getTotalCount());
        o.put("minUs", h.getMinValue() / 1000.0);
        o.put("meanUs", h.getMean() / 1000.0);
        o.put("p50Us", h.getValueAtPercentile(50) / 1000.0);
        o.put("p90Us", h.getValueAtPercentile(90) / 1000.0);
        o.put("p99Us", h.getValueAtPercentile(99) / 1000.0);
        o.put("p999Us", h.getValueAtPercentile(99.9) / 1000.0);
        o.put("p9999Us", h.getValueAtPercentile(99.99) / 1000.0);
        o.put("maxUs", h.getMaxValue() / 1000.0);
        return o;
    }
}
