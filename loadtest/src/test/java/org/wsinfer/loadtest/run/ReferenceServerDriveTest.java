package org.wsinfer.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.protocol.Framing;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.WsInferServer;
import org.wsinfer.server.model.DefaultModel;
import org.wsinfer.server.model.ModelDirectory;

/** End to end against the real reference server, in-process, both framings, in accuracy mode, files read back. */
class ReferenceServerDriveTest {
    @TempDir
    static Path tmp;

    private static WsInferServer server;
    private static Path modelDir;

    @BeforeAll
    static void startServer() throws Exception {
        modelDir = tmp.resolve("model");
        ModelDirectory.write(modelDir, DefaultModel.create());
        server = WsInferServer.start(ServerConfig.builder().host("127.0.0.1").port(0).modelDir(modelDir).build());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bothFramingsAnswerEveryRequestCorrectlyAndTheFilesReadBack() throws Exception {
        for (Framing framing : Framing.values()) {
            Path out = tmp.resolve("run-" + framing.label());
            DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), out, framing, 300, Duration.ofSeconds(2))
                    .warmup(Duration.ofMillis(500))
                    .rows(2)
                    .verifyModel(modelDir)
                    .build();   // features: from GET /v1/model
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            RunResult r = new DriveRun(cfg, NanoClock.system(), new PrintStream(console, true, StandardCharsets.UTF_8))
                    .execute();
            String text = console.toString(StandardCharsets.UTF_8);
            System.out.print(text);

            JsonNode s = RunFiles.summary(out);
            assertEquals("wsinfer.drive.summary/1", s.get("schema").asText());
            assertEquals(framing.label(), s.at("/config/framing").asText());
            assertEquals(DefaultModel.INPUT_DIM, s.at("/config/features").asInt(), "features read from /v1/model");
            assertEquals(600, s.at("/counts/sent").asLong());
            assertEquals(600, s.at("/counts/ok").asLong(), framing + ": every request answered ok");
            assertEquals(600, RunFiles.accounted(s));
            assertEquals(600, s.at("/verification/checked").asLong());
            assertEquals(0, s.at("/verification/mismatches").asLong(), "answers equal x*W+b");
            assertTrue(s.at("/verification/maxRelativeError").asDouble() < 1e-4);
            assertTrue(s.at("/latency/serverCompute/count").asLong() == 600);
            assertTrue(s.at("/latency/serverCompute/maxUs").asDouble() > 0, "compute_ns came through");
            assertTrue(s.at("/latency/corrected/p50Us").asDouble() >= s.at("/latency/corrected/minUs").asDouble());
            assertTrue(s.at("/latency/corrected/p99Us").asDouble()
                    >= s.at("/latency/uncorrected/p99Us").asDouble() - 1.0);
            double reqWire = s.at("/bytes/requestWireBytes").asDouble();
            double reqPayload = s.at("/bytes/requestPayloadBytes").asDouble();
            if (framing == Framing.BINARY) {
                assertEquals(16 + 4 * 2 * 16, reqPayload, 1e-9);
                assertEquals(reqPayload + 4 + 4, reqWire, 1e-9, "126..65535 bytes: 4 header + 4 mask bytes");
                assertEquals(32 + 4 * 2, s.at("/bytes/answerPayloadBytes").asDouble(), 1e-9);
            } else {
                assertTrue(reqPayload > 200, "JSON is bigger than binary: " + reqPayload);
            }
            assertTrue(s.at("/environment/availableProcessors").asInt() >= 1);
            // the reference server exports its process CPU: the driver scraped it around the measured phase
            assertTrue(s.at("/serverCpu/requests").asLong() >= 500, "server answers between the scrapes: " + s.get("serverCpu"));
            assertTrue(s.at("/serverCpu/cpuSeconds").asDouble() > 0 && s.at("/serverCpu/cpuUsPerRequest").asDouble() > 0,
                    "server cpu per request: " + s.get("serverCpu"));
            assertTrue(s.get("validity").has("valid"));

            Map<String, Histogram> log = RunFiles.logTotals(out);
            assertTrue(log.keySet().containsAll(List.of("corrected", "uncorrected", "server_queue", "server_compute")),
                    log.keySet().toString());
            assertEquals(600, log.get("corrected").getTotalCount(), "the interval log adds up to the run");
            assertEquals(s.at("/latency/corrected/maxUs").asDouble(),
                    log.get("corrected").getMaxValue() / 1e3, 0.01 * s.at("/latency/corrected/maxUs").asDouble());
            List<String> hgrm = Files.readAllLines(out.resolve("latency.hgrm"));
            assertTrue(hgrm.get(0).trim().startsWith("Value"), hgrm.get(0));
            assertTrue(hgrm.stream().anyMatch(l -> l.contains("#[Mean")), "HdrHistogram percentile output");
            assertTrue(text.contains("verdict:"));
        }
    }
}
