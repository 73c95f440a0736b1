package org.wsinfer.loadtest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsinfer.loadtest.client.ClientTls;
import org.wsinfer.loadtest.client.ClockCheck;
import org.wsinfer.loadtest.client.HttpProbe;
import org.wsinfer.loadtest.client.WsClient;
import org.wsinfer.loadtest.client.WsConnection;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.env.Environment;
import org.wsinfer.loadtest.payload.CsvInputs;
import org.wsinfer.loadtest.payload.PayloadPool;
import org.wsinfer.loadtest.record.Availability;
import org.wsinfer.loadtest.record.Counters;
import org.wsinfer.loadtest.record.IntervalLog;
import org.wsinfer.loadtest.record.LatencyRecorders;
import org.wsinfer.loadtest.record.Metric;
import org.wsinfer.loadtest.record.PercentileStats;
import org.wsinfer.loadtest.record.ServerCpu;
import org.wsinfer.loadtest.verify.ReferenceModel;
import org.wsinfer.loadtest.verify.VersionedModels;

/**
 * One {@code drive} run: resolve the features, build the payloads, connect, send on the open-loop schedule (warm-up,
 * then the measured phase), log an interval per tick, drain, then write {@code latency.hlog}, {@code latency.hgrm}
 * and {@code summary.json} into the run's folder.
 */
public final class DriveRun {
    /** The summary.json schema id. */
    public static final String SCHEMA = "wsinfer.drive.summary/1";

    private static final Logger LOG = LoggerFactory.getLogger(DriveRun.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final DriverConfig requested;
    private final NanoClock clock;
    private final PrintStream console;

    /** A run of {@code config} on {@code clock}, printing to {@code console}. */
    public DriveRun(DriverConfig config, NanoClock clock, PrintStream console) {
        this.requested = config;
        this.clock = clock;
        this.console = console;
    }

    /** Runs to the end; throws {@link DriveException} when the run cannot start (exit code 2). */
    public RunResult execute() throws DriveException, IOException {
        if (requested.outDir() == null) {
            throw new DriveException("--out is required");
        }
        Path out = requested.outDir();
        Files.createDirectories(out);
        ClientTls tls = new ClientTls(requested.insecure(), requested.trustCert());
        HttpProbe probe = new HttpProbe(requested.url(), tls, PROBE_TIMEOUT);
        DriverConfig cfg = resolveFeatures(requested, probe);
        ReferenceModel model = loadModel(cfg);
        Map<Integer, ReferenceModel> versions = loadVersions(cfg);
        PayloadPool pool = payloads(cfg);
        ClockCheck clockCheck = clockCheck(probe, cfg.clockSamples());
        console.println("drive: " + cfg);

        Counters counters = new Counters();
        LatencyRecorders recorders = new LatencyRecorders();
        Verifier verifier = model != null ? new Verifier(model, pool, cfg.verifyTolerance(), counters, console)
                : versions != null ? new Verifier(versions, pool, cfg.verifyTolerance(), counters, console) : null;
        RequestTracker tracker = new RequestTracker(cfg.connections(), counters, recorders, verifier);
        ConsoleReport report = new ConsoleReport(console, cfg.quiet());

        long warmupNs = cfg.warmup().toNanos();
        long durationNs = cfg.duration().toNanos();
        long timeoutNs = cfg.timeout().toNanos();
        long intervalNs = cfg.interval().toNanos();
        long startEpochNs;
        long startNs;
        long finishedEpochNs;
        Availability availability;
        long measuredStartNs;
        String transport;
        AtomicReference<CompletableFuture<String>> metricsBefore = new AtomicReference<>();
        CompletableFuture<String> metricsAfter;
        try (WsClient client = new WsClient(cfg.url(), tls, cfg.ioThreads(), cfg.maxFramePayloadBytes(), tracker,
                verifier != null, clock)) {
            List<WsConnection> connections;
            try {
                connections = client.connect(cfg.connections(), CONNECT_TIMEOUT);
            } catch (IOException e) {
                throw new DriveException(e.getMessage(), e);
            }
            transport = client.transportName();
            if (cfg.reconnect()) {
                client.reconnectOnClose(cfg.reconnectMaxBackoff(), counters.reconnects::increment);
            }
            long nowEpochNs = clock.epochNanos();
            long nowNs = clock.nanoTime();
            startEpochNs = cfg.startAt() == null ? nowEpochNs + 20_000_000L : cfg.startAt().startEpochNs(nowEpochNs);
            if (startEpochNs < nowEpochNs - 100_000_000L) {
                throw new DriveException("--start-at " + cfg.startAt() + " is in the past (now "
                        + Instant.ofEpochSecond(0, nowEpochNs) + ")");
            }
            startNs = nowNs + (startEpochNs - nowEpochNs);
            if (cfg.startAt() != null) {
                console.println("waiting for the shared start at " + Instant.ofEpochSecond(0, startEpochNs));
            }
            measuredStartNs = startNs + warmupNs;
            availability = new Availability(measuredStartNs);
            long measuredStartEpochMs = (startEpochNs + warmupNs) / 1_000_000L;
            try (IntervalLog log = IntervalLog.create(out.resolve("latency.hlog"), measuredStartEpochMs,
                    cfg.injectorId())) {
                ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "wsinfer-ticker");
                    t.setDaemon(true);
                    return t;
                });
                Ticks ticks = new Ticks(report, counters, recorders, tracker, log, startNs, measuredStartNs, intervalNs,
                        availability);
                recorders.reset();
                long now = clock.nanoTime();
                if (warmupNs > 0) {
                    ticker.scheduleAtFixedRate(guard(ticks::warmupTick), startNs + intervalNs - now, intervalNs,
                            TimeUnit.NANOSECONDS);
                }
                ticker.scheduleAtFixedRate(guard(ticks::measuredTick), measuredStartNs + intervalNs - now, intervalNs,
                        TimeUnit.NANOSECONDS);
                // the server's CPU counter just before the measured phase (asynchronous: the ticker never waits)
                ticker.schedule(guard(() -> metricsBefore.set(probe.metricsAsync())),
                        Math.max(0, measuredStartNs - now), TimeUnit.NANOSECONDS);
                long sweepNs = Math.max(1_000_000L, Math.min(100_000_000L, timeoutNs / 10));
                ticker.scheduleAtFixedRate(guard(() -> tracker.sweepTimeouts(clock.nanoTime(), timeoutNs)), sweepNs,
                        sweepNs, TimeUnit.NANOSECONDS);

                new Sender(clock, cfg.arrival().newSchedule(cfg.rateHz(), cfg.seed()), pool, connections, tracker,
                        counters).run(startNs, warmupNs, durationNs);

                long drainDeadline = Math.max(clock.nanoTime(), startNs + warmupNs + durationNs) + timeoutNs
                        + 2 * sweepNs;
                while (tracker.inFlight() > 0 && clock.nanoTime() - drainDeadline < 0) {
                    sleepMs(1);
                }
                // ... and just after it: every measured request answered (or timed out)
                metricsAfter = probe.metricsAsync();
                ticker.shutdown();
                awaitTermination(ticker);
                tracker.expireAll();
                ticks.finalTick();
            }
            finishedEpochNs = clock.epochNanos();
            tracker.closing();
        }

        // ---- the figures ----
        Map<String, PercentileStats> latency = new LinkedHashMap<>();
        Histogram corrected = recorders.total(Metric.CORRECTED);
        for (Metric m : Metric.values()) {
            latency.put(m.summaryName(), PercentileStats.of(m == Metric.CORRECTED ? corrected : recorders.total(m)));
        }
        long sent = counters.sent.sum();
        long lastSentNs = tracker.lastMeasuredSentNs();
        long measuredNs = lastSentNs == Long.MIN_VALUE ? durationNs : Math.max(durationNs, lastSentNs - measuredStartNs);
        double measuredS = measuredNs / 1e9;
        double achievedSendHz = sent / measuredS;
        double scheduledHz = sent / (durationNs / 1e9);
        double answeredHz = counters.ok.sum() / measuredS;
        Validity validity = Validity.judge(new Validity.Facts(measuredNs / 1_000_000L, cfg.minDuration().toMillis(),
                sent, cfg.minRequests(), latency.get("sendLag").p99Us(), cfg.maxSendLagP99().toNanos() / 1e3,
                achievedSendHz, scheduledHz, counters.connectionFailures.sum(), counters.mismatches.sum(),
                counters.accounted()));

        Map<String, Object> s = new LinkedHashMap<>();
        s.put("schema", SCHEMA);
        s.put("injectorId", cfg.injectorId());
        s.put("startedAt", Instant.ofEpochSecond(0, startEpochNs).toString());
        s.put("measuredStartAt", Instant.ofEpochSecond(0, startEpochNs + warmupNs).toString());
        s.put("finishedAt", Instant.ofEpochSecond(0, finishedEpochNs).toString());
        s.put("config", cfg.toMap());
        Map<String, Object> env = Environment.capture();
        env.put("transport", transport);
        s.put("environment", env);
        s.put("counts", counts(counters));
        s.put("measuredDurationMs", measuredNs / 1_000_000L);
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("offeredHz", cfg.rateHz());
        rates.put("scheduledHz", scheduledHz);
        rates.put("achievedSendHz", achievedSendHz);
        rates.put("answeredHz", answeredHz);
        s.put("rates", rates);
        Map<String, Object> lat = new LinkedHashMap<>();
        latency.forEach((k, v) -> lat.put(k, v.toMap()));
        s.put("latency", lat);
        double reqWire = mean(counters.requestWireBytes.sum(), counters.requestFrames.sum());
        double ansWire = mean(counters.answerWireBytes.sum(), counters.answerFrames.sum());
        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("requestPayloadBytes", mean(counters.requestPayloadBytes.sum(), counters.requestFrames.sum()));
        bytes.put("requestWireBytes", reqWire);
        bytes.put("answerPayloadBytes", mean(counters.answerPayloadBytes.sum(), counters.answerFrames.sum()));
        bytes.put("answerWireBytes", ansWire);
        s.put("bytes", bytes);
        Map<String, Object> val = new LinkedHashMap<>();
        val.put("valid", validity.valid());
        val.put("reasons", validity.reasons());
        s.put("validity", val);
        Map<String, Object> ver = new LinkedHashMap<>();
        ver.put("checked", counters.verified.sum());
        ver.put("mismatches", counters.mismatches.sum());
        ver.put("maxRelativeError", counters.maxRelativeError.get());
        ver.put("tolerance", cfg.verifyTolerance());
        ver.put("byVersion", verifier == null ? Map.of() : verifier.checkedByVersion());
        s.put("verification", ver);
        s.put("clock", clockCheck.toMap());
        s.put("availability", availability.toMap());
        ServerCpu serverCpu = serverCpu(metricsBefore.get(), metricsAfter);
        s.put("serverCpu", serverCpu == null ? null : serverCpu.toMap());

        try (PrintStream hgrm = new PrintStream(Files.newOutputStream(out.resolve("latency.hgrm")), false,
                StandardCharsets.UTF_8)) {
            corrected.outputPercentileDistribution(hgrm, 1000.0);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(), s);
        if (serverCpu != null) {
            console.println(String.format(Locale.US, "server cpu: %.3f s for %d answered requests = %.2f us/request",
                    serverCpu.cpuSeconds(), serverCpu.requests(), serverCpu.cpuUsPerRequest()));
        }
        report.summary(s, latency, validity, out.toString());
        return new RunResult(out, cfg.rateHz(), achievedSendHz, answeredHz, latency.get("corrected"), sent,
                counters.ok.sum(), counters.errors.sum(), counters.timeouts.sum(), counters.lost.sum(), reqWire,
                ansWire, validity, s);
    }

    /** The server's CPU per request between the two /metrics scrapes; null when one failed or lacks the counters. */
    static ServerCpu serverCpu(CompletableFuture<String> before, CompletableFuture<String> after) {
        String b = scraped(before);
        String a = scraped(after);
        if (b == null || a == null) {
            return null;
        }
        return ServerCpu.between(ServerCpu.parse(b), ServerCpu.parse(a));
    }

    private static String scraped(CompletableFuture<String> f) {
        if (f == null) {
            return null;
        }
        try {
            return f.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("GET /metrics failed: {}", e.toString());
            return null;
        }
    }

    private static Map<String, Object> counts(Counters c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", c.sent.sum());
        m.put("ok", c.ok.sum());
        m.put("errors", c.errors.sum());
        m.put("errorsByCode", c.errorsByCode());
        m.put("timeouts", c.timeouts.sum());
        m.put("lost", c.lost.sum());
        m.put("notSent", c.notSent.sum());
        m.put("connectionFailures", c.connectionFailures.sum());
        m.put("reconnects", c.reconnects.sum());
        m.put("warmupSent", c.warmupSent.sum());
        m.put("lateAnswers", c.lateAnswers.sum());
        m.put("unmatchedAnswers", c.unmatchedAnswers.sum());
        m.put("malformedAnswers", c.malformedAnswers.sum());
        return m;
    }

    private static double mean(long sum, long n) {
        return n == 0 ? 0.0 : Math.round(10.0 * sum / n) / 10.0;
    }

    private DriverConfig resolveFeatures(DriverConfig cfg, HttpProbe probe) throws DriveException {
        if (cfg.features() != DriverConfig.FEATURES_FROM_SERVER) {
            return cfg;
        }
        try {
            int f = probe.modelInputDim();
            console.println("features: " + f + " (input_dim from GET " + probe.base() + "/v1/model)");
            return cfg.withFeatures(f);
        } catch (IOException e) {
            throw new DriveException("could not read the model's input_dim (pass --features): " + e.getMessage(), e);
        }
    }

    private static ReferenceModel loadModel(DriverConfig cfg) throws DriveException {
        if (cfg.verifyModel() == null) {
            return null;
        }
        try {
            ReferenceModel m = ReferenceModel.load(cfg.verifyModel());
            if (m.inputDim() != cfg.features()) {
                throw new DriveException(String.format(Locale.US,
                        "--verify-model %s has input_dim %d but the requests have %d features", cfg.verifyModel(),
                        m.inputDim(), cfg.features()));
            }
            return m;
        } catch (IOException e) {
            throw new DriveException("--verify-model: " + e.getMessage(), e);
        }
    }

    private static Map<Integer, ReferenceModel> loadVersions(DriverConfig cfg) throws DriveException {
        if (cfg.verifyVersions() == null) {
            return null;
        }
        try {
            Map<Integer, ReferenceModel> m = VersionedModels.load(cfg.verifyVersions());
            for (Map.Entry<Integer, ReferenceModel> e : m.entrySet()) {
                if (e.getValue().inputDim() != cfg.features()) {
                    throw new DriveException(String.format(Locale.US,
                            "--verify-versions: version %d has input_dim %d but the requests have %d features",
                            e.getKey(), e.getValue().inputDim(), cfg.features()));
                }
            }
            return m;
        } catch (IOException e) {
            throw new DriveException(e.getMessage(), e);
        }
    }

    private static PayloadPool payloads(DriverConfig cfg) throws DriveException {
        if (cfg.inputsCsv() == null) {
            return PayloadPool.random(cfg.framing(), cfg.rows(), cfg.features(), cfg.payloadPoolSize(), cfg.seed());
        }
        try {
            return PayloadPool.fromRows(cfg.framing(), cfg.rows(), cfg.features(),
                    CsvInputs.read(cfg.inputsCsv(), cfg.features()), cfg.payloadPoolSize());
        } catch (IOException e) {
            throw new DriveException("--inputs " + cfg.inputsCsv() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DriveException("--inputs: " + e.getMessage(), e);
        }
    }

    private static ClockCheck clockCheck(HttpProbe probe, int samples) {
        List<HttpProbe.ClockSample> list = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            try {
                list.add(probe.health());
            } catch (IOException e) {
                LOG.debug("clock sample failed: {}", e.toString());
                break;
            }
            if (i + 1 < samples) {
                sleepMs(1000 / samples + 7);   // spread the samples over a second: one of them sees Date tick
            }
        }
        return ClockCheck.of(list);
    }

    private static Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("driver tick failed", e);
            }
        };
    }

    private static void awaitTermination(ScheduledExecutorService s) {
        try {
            if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
                s.shutdownNow();
            }
        } catch (InterruptedException e) {
            s.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The periodic work of a run: progress lines, interval histograms into the log. One thread at a time. */
    private final class Ticks {
        private final ConsoleReport report;
        private final Counters counters;
        private final LatencyRecorders recorders;
        private final RequestTracker tracker;
        private final IntervalLog log;
        private final long startNs;
        private final long measuredStartNs;
        private final long intervalNs;
        private final Availability availability;
        private long lastOk;
        private long lastSent;
        private long lastWarmupSent;
        private long lastTickNs;

        Ticks(ConsoleReport report, Counters counters, LatencyRecorders recorders, RequestTracker tracker,
              IntervalLog log, long startNs, long measuredStartNs, long intervalNs, Availability availability) {
            this.availability = availability;
            this.report = report;
            this.counters = counters;
            this.recorders = recorders;
            this.tracker = tracker;
            this.log = log;
            this.startNs = startNs;
            this.measuredStartNs = measuredStartNs;
            this.intervalNs = intervalNs;
            this.lastTickNs = measuredStartNs;
        }

        void warmupTick() {
            long now = clock.nanoTime();
            if (now - measuredStartNs >= -intervalNs / 10) {
                return;
            }
            long ws = counters.warmupSent.sum();
            report.warmup((now - startNs) / 1e9, (ws - lastWarmupSent) / (intervalNs / 1e9), ws, tracker.inFlight());
            lastWarmupSent = ws;
        }

        void measuredTick() {
            long now = clock.nanoTime();
            log.write(recorders.takeInterval());
            long sent = counters.sent.sum();
            long ok = counters.ok.sum();
            availability.interval(lastTickNs, now, sent - lastSent, ok - lastOk);
            lastOk = ok;
            double dt = Math.max(1e-9, (now - lastTickNs) / 1e9);
            report.progress((now - measuredStartNs) / 1e9, (sent - lastSent) / dt, sent, tracker.inFlight(),
                    recorders.correctedP99SoFarUs(), counters.errors.sum(), counters.timeouts.sum(),
                    counters.lost.sum());
            lastSent = sent;
            lastTickNs = now;
        }

        void finalTick() {
            log.write(recorders.takeInterval());
            availability.interval(lastTickNs, clock.nanoTime(), counters.sent.sum() - lastSent,
                    counters.ok.sum() - lastOk);
        }
    }
}
