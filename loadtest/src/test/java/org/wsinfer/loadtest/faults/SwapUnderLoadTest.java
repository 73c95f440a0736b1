package org.wsinfer.loadtest.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.run.DriveRun;
import org.wsinfer.protocol.Framing;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.WsInferServer;
import org.wsinfer.server.model.LinearModel;
import org.wsinfer.server.model.ModelDirectory;

/**
 * Issue 9 section 1 under load: ten hot swaps ({@code POST /v1/model/reload} with a new directory each) during a
 * driver run; no request fails and every answer's values match the model version it names
 * ({@code --verify-versions}).
 */
class SwapUnderLoadTest {
    private static final int IN = 8;
    private static final int OUT = 2;
    private static final int SWAPS = 10;

    @TempDir
    Path tmp;

    /** W[i][o] = version * (i + 1 - (o + 1) / 4), b[o] = version / 10: every version answers differently. */
    static LinearModel model(int version) {
        float[] w = new float[IN * OUT];
        for (int i = 0; i < IN; i++) {
            for (int o = 0; o < OUT; o++) {
                w[i * OUT + o] = version * (i + 1 - (o + 1) / 4f) / 8f;
            }
        }
        float[] b = new float[OUT];
        for (int o = 0; o < OUT; o++) {
            b[o] = version / 10f;
        }
        return LinearModel.of("swap-v" + version, version, IN, OUT, w, b);
    }

    private static long answered(WsInferServer server) {
        return (long) server.metrics().registry().find("wsinfer.requests").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void answersOfAVersionWithOtherWeightsOrNoReferenceAreMismatches() throws Exception {
        Path models = tmp.resolve("refs");
        // the reference folder says version 1 has the weights of version 2: every answer of v1 must mismatch
        LinearModel wrong = model(2);
        ModelDirectory.write(models.resolve("v1"), LinearModel.of("wrong", 1, IN, OUT, wrong.weights(), wrong.bias()));
        Path served = tmp.resolve("served");
        ModelDirectory.write(served.resolve("v1"), model(1));
        ModelDirectory.write(served.resolve("v3"), model(3));
        try (WsInferServer server = WsInferServer.start(ServerConfig.builder().port(0).inferenceThreads(1)
                .modelDir(served.resolve("v1")).build())) {
            for (Path refs : List.of(models, served)) {
                Path out = tmp.resolve("check-" + refs.getFileName());
                DriverConfig cfg = DriverConfig.builder()
                        .url(server.wsUri()).rateHz(200).duration(Duration.ofMillis(500)).warmup(Duration.ZERO)
                        .connections(1).timeout(Duration.ofSeconds(3)).interval(Duration.ofMillis(250))
                        .minDuration(Duration.ofMillis(100)).minRequests(10).maxSendLagP99(Duration.ofMillis(200))
                        .clockSamples(0).quiet(true).verifyVersions(refs).outDir(out).build();
                new DriveRun(cfg, NanoClock.system(), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8)).execute();
                JsonNode s = FaultFiles.summary(out);
                assertEquals(100, s.at("/verification/checked").asLong());
                long expectMismatches = refs == models ? 100 : 0;
                assertEquals(expectMismatches, s.at("/verification/mismatches").asLong(), refs.toString());
                assertEquals(100, s.at("/verification/byVersion/1").asLong());
            }
            // v3 served, but the references only know v1: no reference is a mismatch
            assertEquals(200, server.swapper().reload(new org.wsinfer.server.swap.ReloadRequest(
                    served.resolve("v3"), false)).thenApply(l -> 200).get(30, TimeUnit.SECONDS));
            Path out = tmp.resolve("check-unknown");
            DriverConfig cfg = DriverConfig.builder()
                    .url(server.wsUri()).rateHz(200).duration(Duration.ofMillis(500)).warmup(Duration.ZERO)
                    .connections(1).timeout(Duration.ofSeconds(3)).interval(Duration.ofMillis(250))
                    .minDuration(Duration.ofMillis(100)).minRequests(10).maxSendLagP99(Duration.ofMillis(200))
                    .clockSamples(0).quiet(true).verifyVersions(models).outDir(out).build();
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            new DriveRun(cfg, NanoClock.system(), new PrintStream(console, true, StandardCharsets.UTF_8)).execute();
            JsonNode s = FaultFiles.summary(out);
            assertEquals(100, s.at("/verification/mismatches").asLong());
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("model_version 3 has no reference"));
        }
    }

    @Test
    void tenSwapsDuringARunFailNothingAndEveryAnswerMatchesItsVersion() throws Exception {
        Path models = tmp.resolve("models");
        for (int v = 1; v <= SWAPS + 1; v++) {
            ModelDirectory.write(models.resolve("v" + v), model(v));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (WsInferServer server = WsInferServer.start(ServerConfig.builder().port(0)
                .modelDir(models.resolve("v1")).build())) {
            Path out = tmp.resolve("run");
            DriverConfig cfg = DriverConfig.builder()
                    .url(server.wsUri()).framing(Framing.BINARY).rateHz(300).duration(Duration.ofSeconds(6))
                    .warmup(Duration.ZERO).connections(2).rows(2).timeout(Duration.ofSeconds(3))
                    .interval(Duration.ofMillis(500)).minDuration(Duration.ofMillis(500)).minRequests(50)
                    .maxSendLagP99(Duration.ofMillis(200)).clockSamples(1).quiet(true)
                    .verifyVersions(models).outDir(out).build();

            List<Integer> statuses = new ArrayList<>();
            CompletableFuture<Void> swapper = CompletableFuture.runAsync(() -> {
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (answered(server) == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    for (int v = 2; v <= SWAPS + 1; v++) {
                        Thread.sleep(400);
                        String body = "{\"dir\":\"" + models.resolve("v" + v).toString().replace("\\", "\\\\")
                                + "\"}";
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.httpUri()
                                        .resolve("/v1/model/reload")).timeout(Duration.ofSeconds(30))
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        synchronized (statuses) {
                            statuses.add(r.statusCode());
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            new DriveRun(cfg, NanoClock.system(), new PrintStream(console, true, StandardCharsets.UTF_8)).execute();
            swapper.get(30, TimeUnit.SECONDS);
            System.out.print(console.toString(StandardCharsets.UTF_8));

            JsonNode s = FaultFiles.summary(out);
            System.out.println(FaultFiles.figures("swap under load", s) + ", checked by version "
                    + s.at("/verification/byVersion"));
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200), statuses, "ten swaps");
            assertEquals(SWAPS + 1, server.models().model().version());
            long sent = s.at("/counts/sent").asLong();
            assertEquals(1800, sent, "6 s at 300/s");
            assertEquals(sent, s.at("/counts/ok").asLong(), "every request answered ok");
            assertEquals(0, s.at("/counts/errors").asLong());
            assertEquals(0, s.at("/counts/timeouts").asLong());
            assertEquals(0, s.at("/counts/lost").asLong());
            assertEquals(sent, FaultFiles.accounted(s));
            assertEquals(sent, s.at("/verification/checked").asLong(), "every answer checked");
            assertEquals(0, s.at("/verification/mismatches").asLong(), "values match the version each names");
            JsonNode byVersion = s.at("/verification/byVersion");
            long sum = 0;
            for (int v = 1; v <= SWAPS + 1; v++) {
                assertTrue(byVersion.path(Integer.toString(v)).asLong() > 0, "answers of version " + v + ": "
                        + byVersion);
                sum += byVersion.path(Integer.toString(v)).asLong();
            }
            assertEquals(sent, sum);
        }
    }
}
