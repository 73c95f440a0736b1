package org.wsinfer.server.swap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.TestWsClient;
import org.wsinfer.server.WsInferServer;
import org.wsinfer.server.model.ModelDirectory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/model/reload and /rollback against the running server, answers checked over WebSocket after each swap. */
class ModelSwapHttpTest {
    private static final int IN = 4;
    private static final int OUT = 2;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static WsInferServer server;
    private static long nextId = 1;

    @BeforeAll
    static void start() throws Exception {
        Path v1 = SwapFixtures.write(tmp.resolve("v1"), 1, IN, OUT);
        server = WsInferServer.start(ServerConfig.builder().port(0).modelDir(v1).inferenceThreads(1).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.httpUri().resolve(path)).timeout(Duration.ofSeconds(30));
        b.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String dirBody(Path dir) throws Exception {
        return JSON.writeValueAsString(java.util.Map.of("dir", dir.toString()));
    }

    /** Sends one request of 2 rows and checks that the answer is x W + b of {@code version}. */
    private static void assertServes(int version, int inputDim) throws Exception {
        float[] x = new float[2 * inputDim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 5) - 1.5f;
        }
        PredictRequest r = new PredictRequest(nextId++, 2, inputDim, x);
        try (TestWsClient c = TestWsClient.connect(server.wsUri())) {
            c.sendBinary(r);
            Prediction p = assertInstanceOf(Prediction.class, c.nextAnswer());
            assertEquals(version, p.modelVersion(), "answers carry the served version");
            double[] want = SwapFixtures.expected(version, inputDim, OUT, x, 2);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], p.outputs()[i], 1e-4 * Math.max(1, Math.abs(want[i])), "output " + i);
            }
        }
    }

    private static String error(HttpResponse<String> res) throws Exception {
        JsonNode n = JSON.readTree(res.body());
        assertTrue(n.get("error").isTextual(), res.body());
        return n.get("error").asText();
    }

    @Test
    void reloadRefusalsAndRollbackThroughHttp() throws Exception {
        assertServes(1, IN);
        assertEquals(1, JSON.readTree(get("/v1/model").body()).get("version").asInt());

        Path v2 = SwapFixtures.write(tmp.resolve("v2"), 2, IN, OUT);
        HttpResponse<String> res = post("/v1/model/reload", dirBody(v2));
        assertEquals(200, res.statusCode(), res.body());
        JsonNode info = JSON.readTree(res.body());
        assertEquals(2, info.get("version").asInt());
        assertEquals(IN, info.get("input_dim").asInt());
        assertEquals("float32", info.get("dtype").asText());
        assertEquals(2, JSON.readTree(get("/v1/model").body()).get("version").asInt(), "GET /v1/model agrees");
        assertServes(2, IN);

        // a bad model: 422 naming the file, the old one stays
        Path bad = SwapFixtures.write(tmp.resolve("bad"), 3, IN, OUT);
        Files.write(bad.resolve(ModelDirectory.WEIGHTS_NPY), new byte[] {1, 2, 3});
        res = post("/v1/model/reload", dirBody(bad));
        assertEquals(422, res.statusCode(), res.body());
        assertTrue(error(res).contains("weights.npy"), res.body());
        assertServes(2, IN);

        // the directory served, unchanged: same version, 409; a body that is not JSON: 400
        res = post("/v1/model/reload", null);
        assertEquals(409, res.statusCode(), res.body());
        assertTrue(error(res).contains("version 2 is already being served"), res.body());
        res = post("/v1/model/reload", "dir=/x");
        assertEquals(400, res.statusCode(), res.body());

        // another input_dim: 409 unless forced
        Path wide = SwapFixtures.write(tmp.resolve("wide"), 4, 6, OUT);
        res = post("/v1/model/reload", dirBody(wide));
        assertEquals(409, res.statusCode(), res.body());
        assertTrue(error(res).contains("input_dim 6"), res.body());
        assertServes(2, IN);
        res = post("/v1/model/reload?force=true", dirBody(wide));
        assertEquals(200, res.statusCode(), res.body());
        assertServes(4, 6);

        // rollback returns to v2, a second rollback to v4 again, then back once more
        res = post("/v1/model/rollback", null);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(2, JSON.readTree(res.body()).get("version").asInt());
        assertServes(2, IN);

        // the served directory again, with new files and a bumped version: an empty reload swaps
        SwapFixtures.write(v2, 7, IN, OUT);
        res = post("/v1/model/reload", "");
        assertEquals(200, res.statusCode(), res.body());
        assertServes(7, IN);

        res = get("/v1/model/reload");
        assertEquals(405, res.statusCode());
        assertEquals("POST", res.headers().firstValue("Allow").orElse(""));

        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("wsinfer_model_version 7.0"), "model version gauge");
        assertTrue(metrics.matches("(?s).*wsinfer_model_swaps_total\\{outcome=\"swapped\"} 4\\.0.*"), metrics);
        assertTrue(metrics.matches("(?s).*wsinfer_model_swaps_total\\{outcome=\"refused\"} 3\\.0.*"), metrics);
    }
}
