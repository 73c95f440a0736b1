package org.wsinfer.loadtest.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsinfer.loadtest.capacity.StepRunner;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.env.Environment;
import org.wsinfer.loadtest.record.PercentileStats;
import org.wsinfer.loadtest.run.DriveException;
import org.wsinfer.loadtest.run.RunResult;

/**
 * {@code soak}: drive segments back to back at one rate (each a full drive run in {@code segment-NNNN}, the first
 * with the warm-up, the others without), scraping the server's {@code /metrics} after each for its memory, and
 * writing {@code soak.json} after every segment (per segment p50/p99/p999, counts, server memory; at the end the
 * {@link DriftVerdict}). Holds no measuring code of its own.
 */
public final class SoakRun {
    /** The soak.json schema id. */
    public static final String SCHEMA = "wsinfer.soak/1";

    /** Scrapes the server's Prometheus text. */
    @FunctionalInterface
    public interface Scraper {
        /** The text of one GET /metrics. */
        String scrape() throws IOException;
    }

    /** The outcome of a soak. */
    public record Result(int segments, DriftVerdict drift, long errors, long timeouts, long lost) {
        /** 0 when the latency is stable and every request was answered ok, 1 otherwise. */
        public int exitCode() {
            return "DRIFT".equals(drift.verdict()) || errors + timeouts + lost > 0 ? 1 : 0;
        }
    }

    private final DriverConfig base;
    private final SoakOptions options;
    private final StepRunner runner;
    private final Scraper scraper;
    private final PrintStream console;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<Double> p99Us = new ArrayList<>();
    private final List<ServerMemory> memory = new ArrayList<>();

    /** A soak of {@code base} (its rate and out folder) with {@code options}. */
    public SoakRun(DriverConfig base, SoakOptions options, StepRunner runner, Scraper scraper, PrintStream console) {
        if (base.outDir() == null) {
            throw new IllegalArgumentException("--out is required");
        }
        this.base = base;
        this.options = options;
        this.runner = runner;
        this.scraper = scraper;
        this.console = console;
    }

    /** Runs every segment and writes soak.json (also after each segment, so a stopped soak leaves its figures). */
    public Result run() throws DriveException, IOException {
        Files.createDirectories(base.outDir());
        ServerMemory before = scrape();
        long errors = 0;
        long timeouts = 0;
        long lost = 0;
        DriftVerdict drift = DriftVerdict.judge(p99Us, memory, options.endSegments(), options.driftThreshold());
        for (int i = 0; i < options.segments(); i++) {
            Path dir = base.outDir().resolve(String.format(Locale.US, "segment-%04d", i));
            DriverConfig cfg = base.toBuilder().duration(options.segment())
                    .warmup(i == 0 ? base.warmup() : Duration.ZERO).outDir(dir).build();
            String startedAt = Instant.now().toString();
            RunResult r = runner.run(cfg);
            ServerMemory mem = scrape();
            PercentileStats c = r.corrected();
            p99Us.add(c.p99Us());
            memory.add(mem);
            errors += r.errors();
            timeouts += r.timeouts();
            lost += r.lost();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", i);
            row.put("startedAt", startedAt);
            row.put("dir", dir.getFileName().toString());
            row.put("sent", r.sent());
            row.put("ok", r.ok());
            row.put("errors", r.errors());
            row.put("timeouts", r.timeouts());
            row.put("lost", r.lost());
            row.put("achievedSendHz", r.achievedSendHz());
            row.put("valid", r.validity().valid());
            row.put("p50Us", c.p50Us());
            row.put("p99Us", c.p99Us());
            row.put("p999Us", c.p999Us());
            row.put("maxUs", c.maxUs());
            row.put("server", mem.toMap());
            rows.add(row);
            console.println(String.format(Locale.US, "soak segment %d/%d: p50 %.1f us, p99 %.1f us, p999 %.1f us,"
                            + " ok %d/%d, errors %d, timeouts %d, lost %d, server heap %d MiB, direct %d MiB", i + 1,
                    options.segments(), c.p50Us(), c.p99Us(), c.p999Us(), r.ok(), r.sent(), r.errors(),
                    r.timeouts(), r.lost(), mib(mem.heapUsedBytes()), mib(mem.directUsedBytes())));
            drift = DriftVerdict.judge(p99Us, memory, options.endSegments(), options.driftThreshold());
            write(before, drift, i + 1 == options.segments());
        }
        console.println(drift.line());
        return new Result(options.segments(), drift, errors, timeouts, lost);
    }

    private static long mib(long bytes) {
        return bytes < 0 ? -1 : bytes >> 20;
    }

    private ServerMemory scrape() {
        try {
            return ServerMemory.parse(scraper.scrape());
        } catch (IOException | RuntimeException e) {
            console.println("soak: GET /metrics failed: " + e.getMessage());
            return ServerMemory.UNKNOWN;
        }
    }

    private void write(ServerMemory before, DriftVerdict drift, boolean finished) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("finished", finished);
        m.put("rateHz", base.rateHz());
        m.put("soak", options.toMap());
        m.put("serverBefore", before.toMap());
        m.put("segments", rows);
        m.put("drift", drift.toMap());
        m.put("config", base.toMap());
        m.put("environment", Environment.capture());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(base.outDir().resolve("soak.json").toFile(), m);
    }
}
