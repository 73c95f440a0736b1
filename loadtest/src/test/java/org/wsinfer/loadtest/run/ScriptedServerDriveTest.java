package org.wsinfer.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.testserver.ScriptedServer;
import org.wsinfer.protocol.Framing;

/** Drive runs against a scripted server: coordinated omission, out-of-order answers, timeouts, lost requests. */
class ScriptedServerDriveTest {
    private ScriptedServer server;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer(8);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RunResult drive(DriverConfig cfg) throws Exception {
        return drive(cfg, NanoClock.system());
    }

    private RunResult drive(DriverConfig cfg, NanoClock clock) throws Exception {
        try {
            return new DriveRun(cfg, clock, new PrintStream(console, true, StandardCharsets.UTF_8)).execute();
        } finally {
            System.out.print(console.toString(StandardCharsets.UTF_8));
            console.reset();
        }
    }

    /**
     * The server holds every answer for 1 s while the open-loop schedule goes on. The corrected latency (from the
     * intended send time) shows the stall in its tail. The uncorrected figure (from the actual send time) shows it
     * too here, because this driver never stops sending: requests leave on time and wait at the server, so actual
     * and intended send times differ only by the send lag. (It is a closed-loop or blocked sender whose uncorrected
     * figure hides a stall: see {@link #senderStallIsHiddenByTheUncorrectedFigureOnly()}.)
     */
    @Test
    void serverStallShowsInTheCorrectedTail() throws Exception {
        server.stallAfterRequests = 200;
        server.stallMs = 1000;
        DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), tmp.resolve("stall"), Framing.BINARY, 200,
                Duration.ofSeconds(3)).features(8).build();
        RunResult r = drive(cfg);
        JsonNode s = RunFiles.summary(r.dir());
        assertEquals(r.sent(), r.ok(), "every request answered");
        double correctedP99Us = s.at("/latency/corrected/p99Us").asDouble();
        double correctedMaxUs = s.at("/latency/corrected/maxUs").asDouble();
        assertTrue(correctedMaxUs >= 900_000, "the 1 s stall is the corrected max: " + correctedMaxUs);
        // ~1/3 of the requests were sent during the stall, with latencies from ~1 s down to 0: p99 is near 1 s
        assertTrue(correctedP99Us >= 800_000, "the stall shows in the corrected p99: " + correctedP99Us);
        assertTrue(s.at("/latency/corrected/p50Us").asDouble() < correctedP99Us / 2, "the median is not the stall");
        double uncorrectedP99Us = s.at("/latency/uncorrected/p99Us").asDouble();
        double sendLagP99Us = s.at("/latency/sendLag/p99Us").asDouble();
        assertTrue(uncorrectedP99Us >= correctedP99Us - sendLagP99Us - 1_000,
                "open loop: uncorrected = corrected - send lag, " + uncorrectedP99Us + " vs " + correctedP99Us);
        Map<String, Histogram> log = RunFiles.logTotals(r.dir());
        assertTrue(log.get("corrected").getMaxValue() >= 900_000_000L, "the stall is in latency.hlog");
        assertEquals(r.ok(), log.get("corrected").getTotalCount());
    }

    /**
     * The driver itself stalls for 0.5 s (like a GC pause of the load generator). Requests due meanwhile go out late,
     * all at once, with their original intended times: the corrected figure shows the pause, the uncorrected one
     * does not (coordinated omission), and the run is invalid because the driver fell behind.
     */
    @Test
    void senderStallIsHiddenByTheUncorrectedFigureOnly() throws Exception {
        NanoClock stalling = new NanoClock() {
            private final long stallAtNs = System.nanoTime() + 1_500_000_000L;
            private boolean stalled;

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public long epochNanos() {
                return NanoClock.system().epochNanos();
            }

            @Override
            public void parkUntil(long deadlineNs) {
                if (!stalled && System.nanoTime() > stallAtNs) {
                    stalled = true;
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                NanoClock.system().parkUntil(deadlineNs);
            }
        };
        DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), tmp.resolve("sender-stall"), Framing.BINARY, 200,
                Duration.ofSeconds(2)).features(8).build();
        RunResult r = drive(cfg, stalling);
        JsonNode s = RunFiles.summary(r.dir());
        assertEquals(r.sent(), r.ok());
        double corrected = s.at("/latency/corrected/p99Us").asDouble();
        double uncorrected = s.at("/latency/uncorrected/p99Us").asDouble();
        assertTrue(corrected >= 300_000, "the pause is in the corrected p99: " + corrected);
        assertTrue(uncorrected < corrected / 2, "the uncorrected p99 hides it: " + uncorrected + " vs " + corrected);
        assertTrue(s.at("/latency/sendLag/maxUs").asDouble() >= 400_000, "the send lag shows the pause");
        assertFalse(r.validity().valid());
        assertTrue(r.reasons().stream().anyMatch(x -> x.startsWith("driver fell behind")), r.reasons().toString());
        assertEquals(1, r.exitCode());
    }

    @Test
    void answersOutOfOrderAreMatchedById() throws Exception {
        server.swapPairs = true;
        for (Framing framing : Framing.values()) {
            DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), tmp.resolve("swap-" + framing.label()), framing,
                    300, Duration.ofSeconds(1)).connections(1).features(8).build();
            RunResult r = drive(cfg);
            JsonNode s = RunFiles.summary(r.dir());
            assertEquals(r.sent(), r.ok(), framing + ": every answer matched");
            assertEquals(0, s.at("/counts/unmatchedAnswers").asLong());
            assertEquals(0, s.at("/counts/lateAnswers").asLong());
            assertTrue(r.validity().valid(), r.reasons().toString());
        }
        assertTrue(server.outOfOrderAnswers.get() > 100, "the server really reordered: " + server.outOfOrderAnswers);
    }

    @Test
    void unansweredRequestsAreTimeoutsApartFromErrors() throws Exception {
        server.dropEvery = 10;
        DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), tmp.resolve("timeouts"), Framing.TEXT, 200,
                Duration.ofSeconds(1)).features(8).timeout(Duration.ofMillis(300)).build();
        RunResult r = drive(cfg);
        JsonNode s = RunFiles.summary(r.dir());
        assertEquals(r.sent() / 10, r.timeouts(), "ids 10, 20, ... were never answered");
        assertEquals(0, r.errors());
        assertEquals(r.sent(), r.ok() + r.timeouts());
        assertEquals(r.sent(), RunFiles.accounted(s));
    }

    @Test
    void aClosedConnectionLosesItsRequestsInFlight() throws Exception {
        server.stallAfterRequests = 100;   // answers held from request 100 on, so requests are in flight ...
        server.stallMs = 2000;
        server.closeAfterRequests = 150;   // ... when the server closes one of the two connections
        DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), tmp.resolve("lost"), Framing.BINARY, 200,
                Duration.ofSeconds(2)).features(8).timeout(Duration.ofSeconds(5)).build();
        RunResult r = drive(cfg);
        JsonNode s = RunFiles.summary(r.dir());
        assertEquals(1, server.closedByScript.get());
        assertEquals(1, s.at("/counts/connectionFailures").asLong());
        assertTrue(r.lost() >= 10, "the closed connection's in-flight requests are lost: " + r.lost());
        assertEquals(r.sent(), RunFiles.accounted(s), "ok + errors + timeouts + lost = sent");
        assertTrue(r.ok() > r.sent() / 2, "the other connection carried on: " + r.ok());
        assertFalse(r.validity().valid());
        assertTrue(r.reasons().stream().anyMatch(x -> x.contains("connection failure")), r.reasons().toString());
    }

    @Test
    void warmupIsSentButNotRecorded() throws Exception {
        DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), tmp.resolve("warmup"), Framing.BINARY, 200,
                Duration.ofSeconds(1)).features(8).warmup(Duration.ofMillis(500)).build();
        RunResult r = drive(cfg);
        JsonNode s = RunFiles.summary(r.dir());
        assertEquals(100, s.at("/counts/warmupSent").asLong());
        assertEquals(200, r.sent());
        assertEquals(200, s.at("/latency/corrected/count").asLong());
        assertEquals(200, RunFiles.logTotals(r.dir()).get("corrected").getTotalCount());
        assertTrue(s.at("/clock/samples").asInt() >= 1, "the Date header was sampled");
        assertEquals(86.0 - 16 * 4 + 8 * 4, s.at("/bytes/requestWireBytes").asDouble(), 1e-9,
                "16 + 4*8 payload bytes, 2 + 4 header bytes");
        assertTrue(s.has("serverCpu") && s.get("serverCpu").isNull(), "no /metrics: serverCpu is null");
    }

    /** The server's CPU per request comes from its /metrics scraped at the measured phase's start and end. */
    @Test
    void serverCpuIsTheMetricsDeltaOverTheMeasuredPhase() throws Exception {
        server.cpuUsPerAnswer = 40.0;
        DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), tmp.resolve("cpu"), Framing.BINARY, 200,
                Duration.ofSeconds(1)).features(8).warmup(Duration.ofMillis(500)).build();
        RunResult r = drive(cfg);
        JsonNode cpu = RunFiles.summary(r.dir()).get("serverCpu");
        assertTrue(cpu != null && cpu.isObject(), "serverCpu written: " + cpu);
        long requests = cpu.get("requests").asLong();
        // the warm-up's 100 answers are before the first scrape; at most the few in flight then straddle it
        assertTrue(requests >= 150 && requests <= 250, "requests answered in the measured phase: " + requests);
        assertEquals(requests * 40e-6, cpu.get("cpuSeconds").asDouble(), 1e-7);
        assertEquals(40.0, cpu.get("cpuUsPerRequest").asDouble(), 0.01);
    }
}
