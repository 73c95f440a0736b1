package org.wsinfer.loadtest.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.run.DriveRun;
import org.wsinfer.protocol.Framing;

/**
 * Issue 9 section 4: the server is SIGKILLed during a {@code --reconnect} run and restarted on the same port; the
 * driver reconnects and goes on, the summary accounts for every request and the interval log shows the outage.
 */
class KillRestartTest {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Test
    void theDriverSurvivesAKilledServerAndAccountsForEveryRequest() throws Exception {
        int port = freePort();
        Path log = tmp.resolve("server.log");
        // echo starts fast; a 50 ms batching delay keeps ~10 requests in flight, so the kill catches some
        String[] serverArgs = {"--model", "echo", "--echo-dim", "16", "--inference-threads", "1",
                "--max-batch-rows", "4096", "--max-queue-delay-us", "50000"};
        AtomicReference<ServerJvm> current = new AtomicReference<>(ServerJvm.start(port, log, serverArgs));
        try {
            Path out = tmp.resolve("run");
            DriverConfig cfg = DriverConfig.builder()
                    .url(URI.create("ws://127.0.0.1:" + port + "/ws")).framing(Framing.BINARY).rateHz(200)
                    .duration(Duration.ofSeconds(10)).warmup(Duration.ofMillis(500)).connections(2).features(16)
                    .timeout(Duration.ofSeconds(2)).interval(Duration.ofMillis(250))
                    .minDuration(Duration.ofMillis(500)).minRequests(50).maxSendLagP99(Duration.ofMillis(200))
                    .clockSamples(1).quiet(true).reconnect(true).reconnectMaxBackoff(Duration.ofMillis(200))
                    .outDir(out).build();
            long[] killedRestartedNs = new long[3];
            CompletableFuture<Void> chaos = CompletableFuture.runAsync(() -> {
                try {
                    // the schedule starts when the driver has connected and created its interval log; the kill
                    // comes 1.5 s after the warm-up
                    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (!Files.exists(out.resolve("latency.hlog")) && System.nanoTime() < waitUntil) {
                        Thread.sleep(5);
                    }
                    Thread.sleep(500);
                    long t0 = System.nanoTime();
                    Thread.sleep(1_500);
                    killedRestartedNs[0] = System.nanoTime() - t0;
                    current.get().kill();
                    Thread.sleep(1_500);
                    killedRestartedNs[1] = System.nanoTime() - t0;
                    current.set(ServerJvm.start(port, log, serverArgs));
                    killedRestartedNs[2] = System.nanoTime() - t0;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            new DriveRun(cfg, NanoClock.system(), new PrintStream(console, true, StandardCharsets.UTF_8)).execute();
            chaos.get(60, TimeUnit.SECONDS);
            System.out.print(console.toString(StandardCharsets.UTF_8));

            JsonNode s = FaultFiles.summary(out);
            List<Long> okPerInterval = FaultFiles.okPerInterval(out);
            System.out.println(FaultFiles.figures("kill-restart", s) + String.format(java.util.Locale.US,
                    "; killed at %d ms, restart began %d ms, listening again at %d ms (from the schedule start); ok per 250 ms interval %s",
                    killedRestartedNs[0] / 1_000_000, killedRestartedNs[1] / 1_000_000,
                    killedRestartedNs[2] / 1_000_000, okPerInterval));
            JsonNode c = s.get("counts");
            long sent = c.get("sent").asLong();
            assertEquals(2000, sent, "10 s at 200/s, every one counted");
            assertEquals(sent, FaultFiles.accounted(s), "sent = ok + errors + timeouts + lost");
            long lost = c.get("lost").asLong();
            long notSent = c.get("notSent").asLong();
            assertTrue(notSent > 0, "requests were due while no connection was open");
            assertTrue(lost > notSent, "requests in flight at the kill were lost: lost " + lost + ", notSent "
                    + notSent);
            assertTrue(c.get("reconnects").asLong() >= 2, "both connections reopened");
            assertTrue(c.get("connectionFailures").asLong() >= 2, "both connections failed at the kill");
            assertTrue(c.get("ok").asLong() > 0);

            // the interval log: ok answers, then a run of intervals without any, then ok answers again
            int firstGap = -1;
            int gapLength = 0;
            for (int i = 1, run = 0; i < okPerInterval.size(); i++) {
                run = okPerInterval.get(i) == 0 ? run + 1 : 0;
                if (run > gapLength) {
                    gapLength = run;
                    firstGap = i - run + 1;
                }
            }
            int lastGap = firstGap + gapLength - 1;
            assertTrue(gapLength >= 4, "an outage of at least 1 s: " + okPerInterval);
            assertTrue(firstGap > 0 && okPerInterval.get(firstGap - 1) > 0, "ok before the outage: " + okPerInterval);
            long okAfter = okPerInterval.subList(lastGap + 1, okPerInterval.size()).stream().mapToLong(x -> x).sum();
            assertTrue(okAfter >= 50, "ok answers go on after the restart: " + okPerInterval);
            long outageMs = s.at("/availability/longestOutageMs").asLong();
            assertTrue(outageMs >= 1_000 && outageMs <= 20_000, "the outage spans the kill to the restart: "
                    + outageMs + " ms");
            // the summary counts ok answers, the log records latencies: an answer at a tick may fall into the
            // neighbouring interval of the other, so they agree to one interval
            assertTrue(s.at("/availability/intervalsWithoutOk").asLong() >= gapLength - 1,
                    "the summary counts the empty intervals the log shows: " + okPerInterval);
            assertTrue(outageMs >= (gapLength - 1) * 250L - 50, "the longest outage covers the log's gap");
            assertTrue(Files.readString(log).contains("listening on"), "the server log was kept");
        } finally {
            current.get().close();
        }
    }
}
