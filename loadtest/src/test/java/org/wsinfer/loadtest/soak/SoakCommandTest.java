package org.wsinfer.loadtest.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.loadtest.cli.Main;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.WsInferServer;

/** The soak machinery end to end on three 1 s segments against the in-process server (the 30 min soak is not CI). */
class SoakCommandTest {
    @TempDir
    Path tmp;

    @Test
    void threeShortSegmentsWriteSoakJsonWithMemoryAndADriftVerdict() throws Exception {
        try (WsInferServer server = WsInferServer.start(ServerConfig.builder().port(0).inferenceThreads(1).build())) {
            Path out = tmp.resolve("soak");
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"soak", "--url", server.wsUri().toString(), "--rate", "200",
                    "--duration", "3s", "--segment", "1s", "--warmup", "200ms", "--connections", "2",
                    "--interval", "500ms", "--min-duration", "500ms", "--min-requests", "50",
                    "--max-send-lag-p99", "200ms", "--clock-samples", "1", "--quiet", "--out", out.toString()},
                    new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8));
            String text = stdout.toString(StandardCharsets.UTF_8);
            System.out.print(text);
            JsonNode s = new ObjectMapper().readTree(out.resolve("soak.json").toFile());
            assertEquals("wsinfer.soak/1", s.get("schema").asText());
            assertTrue(s.get("finished").asBoolean());
            assertEquals(3, s.get("segments").size());
            for (JsonNode seg : s.get("segments")) {
                assertEquals(200, seg.get("sent").asLong(), "1 s at 200/s");
                assertEquals(200, seg.get("ok").asLong());
                assertTrue(seg.get("p99Us").asDouble() >= seg.get("p50Us").asDouble());
                assertTrue(seg.get("p999Us").asDouble() >= seg.get("p99Us").asDouble());
                assertTrue(seg.at("/server/heapUsedBytes").asLong() > 0, "heap from /metrics");
                assertTrue(seg.at("/server/directUsedBytes").asLong() >= 0, "direct memory from /metrics");
                assertTrue(Files.exists(out.resolve(seg.get("dir").asText()).resolve("summary.json")));
            }
            String verdict = s.at("/drift/verdict").asText();
            assertTrue(verdict.equals("STABLE") || verdict.equals("DRIFT"), verdict);
            double ratio = s.at("/segments/2/p99Us").asDouble() / s.at("/segments/0/p99Us").asDouble();
            assertEquals(ratio, s.at("/drift/p99Ratio").asDouble(), 0.01 * ratio + 1e-3, "last / first, k = 1");
            assertEquals(verdict.equals("STABLE") ? 0 : 1, code, stderr.toString(StandardCharsets.UTF_8));
            assertTrue(text.contains("drift: " + verdict), text);
        }
    }

    @Test
    void withoutARateOrACapacityFileItIsAUsageError() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"soak", "--duration", "3s", "--segment", "1s"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("give --rate"), stderr.toString());
    }
}
