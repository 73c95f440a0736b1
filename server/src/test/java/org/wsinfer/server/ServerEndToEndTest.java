package org.wsinfer.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.server.model.LinearModel;
import org.wsinfer.server.model.ModelFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server over a real loopback socket with a real WebSocket client, both framings, the HTTP endpoints. */
class ServerEndToEndTest {
    private static final int FRAME_LIMIT_BYTES = 64 * 1024;
    private static WsInferServer server;
    private static LinearModel model;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startServer() throws Exception {
        server = WsInferServer.start(ServerConfig.builder().port(0).maxFramePayloadBytes(FRAME_LIMIT_BYTES)
                .inferenceThreads(2).ioThreads(2).build());
        model = (LinearModel) server.models().model();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static PredictRequest randomRequest(long id, int rows, int cols, SplittableRandom rnd) {
        float[] in = new float[rows * cols];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (rnd.nextDouble() * 4 - 2);
        }
        return new PredictRequest(id, rows, cols, in);
    }

    /** x * W + b in double, from the model's own weights, independent of ND4J. */
    static double[] expected(LinearModel m, PredictRequest r) {
        float[] w = m.weights();
        float[] b = m.bias();
        int in = m.inputDim();
        int out = m.outputDim();
        double[] y = new double[r.rows() * out];
        for (int row = 0; row < r.rows(); row++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += (double) r.inputs()[row * in + i] * w[i * out + o];
                }
                y[row * out + o] = s;
            }
        }
        return y;
    }

    static void assertMatches(LinearModel m, PredictRequest r, Answer a) {
        Prediction p = assertInstanceOf(Prediction.class, a, () -> "expected a prediction, got " + a);
        assertEquals(r.id(), p.id());
        assertEquals(r.rows(), p.rows());
        assertEquals(m.outputDim(), p.cols());
        assertEquals(m.version(), p.modelVersion());
        double[] e = expected(m, r);
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(p.outputs()[i] - e[i]) / Math.max(1.0, Math.abs(e[i]));
            assertTrue(err <= 1e-5, "output " + i + ": " + p.outputs()[i] + " vs " + e[i]);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bothFramingsAnswerXTimesWPlusBAndAgreeExactly() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        try (TestWsClient c = TestWsClient.connect(server.wsUri())) {
            for (int rows : new int[] {1, 3, 17}) {
                PredictRequest r = randomRequest(rows * 10L, rows, model.inputDim(), rnd);
                c.sendBinary(r);
                TestWsClient.Received bin = c.next(10_000);
                assertTrue(bin.binary() != null, "binary request gets a binary answer");
                c.sendText(r);
                TestWsClient.Received txt = c.next(10_000);
                assertTrue(txt.text() != null, "text request gets a text answer");
                assertMatches(model, r, bin.answer());
                assertMatches(model, r, txt.answer());
                assertArrayEquals(((Prediction) bin.answer()).outputs(), ((Prediction) txt.answer()).outputs(),
                        "the two framings give the same numbers");
            }
        }
    }

    @Test
    void badFramesGetErrorAnswersAndTheConnectionKeepsWorking() throws Exception {
        try (TestWsClient c = TestWsClient.connect(server.wsUri())) {
            c.sendBinary(new byte[] {1, 1, 0});
            assertEquals(ErrorCode.MALFORMED, ((ErrorAnswer) c.nextAnswer()).code());
            c.sendText("{not json");
            TestWsClient.Received txt = c.next(10_000);
            assertTrue(txt.text() != null && txt.text().contains("MALFORMED"), String.valueOf(txt.text()));
            c.sendBinary(new PredictRequest(5, 1, 3, new float[] {1, 2, 3}));
            ErrorAnswer e = assertInstanceOf(ErrorAnswer.class, c.nextAnswer());
            assertEquals(ErrorCode.SHAPE_MISMATCH, e.code());
            assertEquals(5, e.id());
            PredictRequest ok = randomRequest(6, 2, model.inputDim(), new SplittableRandom(2));
            c.sendBinary(ok);
            assertMatches(model, ok, c.nextAnswer());
        }
    }

    @Test
    void anOversizedFrameIsClosedWith1009() throws Exception {
        try (TestWsClient c = TestWsClient.connect(server.wsUri())) {
            int rows = FRAME_LIMIT_BYTES / (4 * model.inputDim()) + 1;
            c.sendBinary(new PredictRequest(1, rows, model.inputDim(), new float[rows * model.inputDim()]));
            assertEquals(1009, c.awaitCloseCode(10_000));
            assertTrue(c.awaitClosed(5_000));
        }
    }

    @Test
    void anOversizedFragmentedMessageIsClosedWith1009() throws Exception {
        try (TestWsClient c = TestWsClient.connect(server.wsUri())) {
            byte[] half = new byte[FRAME_LIMIT_BYTES / 2 + 100];
            c.send(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(half)));
            c.send(new io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame(true, 0,
                    Unpooled.wrappedBuffer(half)));
            assertEquals(1009, c.awaitCloseCode(10_000));
        }
    }

    @Test
    void aFragmentedMessageWithinTheLimitIsAnswered() throws Exception {
        PredictRequest r = randomRequest(77, 4, model.inputDim(), new SplittableRandom(3));
        io.netty.buffer.ByteBuf encoded = BinaryCodec.encodeRequest(Unpooled.buffer().alloc(), r);
        byte[] bytes = io.netty.buffer.ByteBufUtil.getBytes(encoded);
        encoded.release();
        try (TestWsClient c = TestWsClient.connect(server.wsUri())) {
            c.send(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(bytes, 0, 20)));
            c.send(new io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame(true, 0,
                    Unpooled.wrappedBuffer(bytes, 20, bytes.length - 20)));
            assertMatches(model, r, c.nextAnswer());
        }
    }

    @Test
    void twoHundredPipelinedRequestsGetTheirOwnAnswers() throws Exception {
        SplittableRandom rnd = new SplittableRandom(4);
        Map<Long, PredictRequest> sent = new HashMap<>();
        try (TestWsClient c = TestWsClient.connect(server.wsUri())) {
            for (long id = 1; id <= 200; id++) {
                PredictRequest r = randomRequest(id, 1 + (int) (id % 5), model.inputDim(), rnd);
                sent.put(id, r);
                if (id % 2 == 0) {
                    c.write(new BinaryWebSocketFrame(BinaryCodec.encodeRequest(Unpooled.buffer().alloc(), r)));
                } else {
                    c.write(new TextWebSocketFrame(JsonCodec.encodeRequest(r)));
                }
            }
            c.flush();
            for (int i = 0; i < 200; i++) {
                Answer a = c.nextAnswer();
                PredictRequest r = sent.remove(a.id());
                assertTrue(r != null, "unexpected or duplicate answer id " + a.id());
                assertMatches(model, r, a);
            }
            assertTrue(sent.isEmpty());
        }
    }

    @Test
    void httpEndpointsAnswerAsSpecified() throws Exception {
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"UP\"}", health.body());

        HttpResponse<String> info = get("/v1/model");
        assertEquals(200, info.statusCode());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.body());
        assertEquals(model.name(), json.get("name").asText());
        assertEquals(model.version(), json.get("version").asInt());
        assertEquals(16, json.get("input_dim").asInt());
        assertEquals(1, json.get("output_dim").asInt());
        assertEquals("float32", json.get("dtype").asText());
        java.time.Instant.parse(json.get("loaded_at").asText());

        assertEquals(404, get("/nope").statusCode());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElse(""));

        try (TestWsClient c = TestWsClient.connect(server.wsUri())) {
            c.sendBinary(randomRequest(1, 1, 16, new SplittableRandom(5)));
            c.nextAnswer();
            c.sendBinary(new byte[] {0});
            c.nextAnswer();
        }
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        String body = metrics.body();
        for (String name : new String[] {"wsinfer_requests_total{framing=\"binary\",outcome=\"ok\"}",
                "wsinfer_errors_total{code=\"MALFORMED\"}", "wsinfer_in_flight", "wsinfer_connections_open",
                "wsinfer_websockets_open", "wsinfer_inference_seconds_bucket", "wsinfer_batch_rows_bucket",
                "wsinfer_queue_wait_seconds_bucket", "wsinfer_process_cpu_seconds_total", "jvm_memory_used_bytes"}) {
            assertTrue(body.contains(name), "metrics lack " + name);
        }
        assertTrue(server.metrics().registry().get("wsinfer.requests").tag("framing", "binary")
                .tag("outcome", "ok").counter().count() >= 1);
        assertTrue(server.metrics().registry().get("wsinfer.errors").tag("code", "MALFORMED")
                .counter().count() >= 1);
    }

    @Test
    void batchingOnGivesTheSameNumbersAsBatchingOff() throws Exception {
        LinearModel m3 = ModelFactory.random("r3", 2, 16, 3, 99);
        ServerConfig base = ServerConfig.builder().port(0).inferenceThreads(1).ioThreads(1).build();
        SplittableRandom rnd = new SplittableRandom(6);
        PredictRequest[] reqs = new PredictRequest[64];
        for (int i = 0; i < reqs.length; i++) {
            reqs[i] = randomRequest(i + 1, 1 + i % 3, 16, rnd);
        }
        Map<Long, float[]> on = new HashMap<>();
        Map<Long, float[]> off = new HashMap<>();
        try (WsInferServer batching = WsInferServer.start(base.toBuilder().maxBatchRows(64).maxQueueDelayUs(20_000)
                .build(), m3);
             WsInferServer single = WsInferServer.start(base.toBuilder().maxBatchRows(0).build(), m3)) {
            collect(batching, reqs, m3, on);
            collect(single, reqs, m3, off);
            double maxRowsOn = batching.metrics().registry().get("wsinfer.batch.rows").summary().max();
            double maxRowsOff = single.metrics().registry().get("wsinfer.batch.rows").summary().max();
            assertTrue(maxRowsOn > 3, "pipelined requests were batched (largest batch " + maxRowsOn + " rows)");
            assertTrue(maxRowsOff <= 3, "batching off: one request per call (largest " + maxRowsOff + " rows)");
        }
        for (PredictRequest r : reqs) {
            float[] a = on.get(r.id());
            float[] b = off.get(r.id());
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-6 * Math.max(1, Math.abs(b[i])), "request " + r.id() + " output " + i);
            }
        }
    }

    private static void collect(WsInferServer s, PredictRequest[] reqs, LinearModel m, Map<Long, float[]> into)
            throws Exception {
        try (TestWsClient c = TestWsClient.connect(s.wsUri())) {
            for (PredictRequest r : reqs) {
                c.write(new BinaryWebSocketFrame(BinaryCodec.encodeRequest(Unpooled.buffer().alloc(), r)));
            }
            c.flush();
            for (int i = 0; i < reqs.length; i++) {
                Prediction p = assertInstanceOf(Prediction.class, c.nextAnswer());
                assertMatches(m, reqs[(int) p.id() - 1], p);
                into.put(p.id(), p.outputs());
            }
        }
    }

    @Test
    void echoModeEchoesThroughTheSamePipeline() throws Exception {
        try (WsInferServer echo = WsInferServer.start(ServerConfig.builder().port(0).echo(true).echoDim(8)
                .ioThreads(1).inferenceThreads(1).build());
             TestWsClient c = TestWsClient.connect(echo.wsUri())) {
            PredictRequest r = randomRequest(3, 4, 8, new SplittableRandom(7));
            c.sendBinary(r);
            Prediction p = assertInstanceOf(Prediction.class, c.nextAnswer());
            assertEquals(8, p.cols());
            assertArrayEquals(r.inputs(), p.outputs());
            c.sendText(r);
            assertArrayEquals(r.inputs(), ((Prediction) c.nextAnswer()).outputs());
            c.sendBinary(new PredictRequest(4, 1, 16, new float[16]));
            assertEquals(ErrorCode.SHAPE_MISMATCH, ((ErrorAnswer) c.nextAnswer()).code());
        }
    }

    @Test
    void beyondTheConnectionLimitTheHandshakeGets503() throws Exception {
        try (WsInferServer limited = WsInferServer.start(ServerConfig.builder().port(0).maxConnections(2)
                .ioThreads(1).inferenceThreads(1).build());
             TestWsClient a = TestWsClient.connect(limited.wsUri());
             TestWsClient b = TestWsClient.connect(limited.wsUri())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> TestWsClient.connect(limited.wsUri()));
            WebSocketClientHandshakeException h = assertInstanceOf(WebSocketClientHandshakeException.class,
                    e.getCause());
            assertEquals(503, h.response().status().code());
            a.close();
            assertTrue(a.awaitClosed(5_000));
            // the slot is given back when a connection closes
            long deadline = System.nanoTime() + 5_000_000_000L;
            TestWsClient c = null;
            while (c == null) {
                try {
                    c = TestWsClient.connect(limited.wsUri());
                } catch (ExecutionException again) {
                    if (System.nanoTime() > deadline) {
                        throw again;
                    }
                    Thread.sleep(20);
                }
            }
            c.sendBinary(randomRequest(1, 1, 16, new SplittableRandom(8)));
            assertInstanceOf(Prediction.class, c.nextAnswer());
            c.close();
            assertTrue(b.isOpen());
        }
    }

    @Test
    void anIdleWebSocketIsClosedWith1001() throws Exception {
        try (WsInferServer idle = WsInferServer.start(ServerConfig.builder().port(0).idleTimeoutMs(500)
                .ioThreads(1).inferenceThreads(1).build());
             TestWsClient c = TestWsClient.connect(idle.wsUri())) {
            assertEquals(1001, c.awaitCloseCode(5_000));
            assertTrue(c.awaitClosed(5_000));
        }
    }

    @Test
    void uriAndPortAreTheBoundOnes() {
        assertTrue(server.port() > 0);
        assertEquals(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), server.wsUri());
    }
}
