package org.wsinfer.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graceful shutdown: accepted requests are answered, new ones get UNAVAILABLE, /health 503, sockets get close 1001. */
class ShutdownDrainTest {
    private static PredictRequest request(long id) {
        float[] in = new float[16];
        in[0] = id;
        return new PredictRequest(id, 1, 16, in);
    }

    /** One HTTP/1.1 GET on a kept-alive socket; returns the status line. */
    private static String get(Socket s, String path) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed after " + head);
            }
            head.append((char) b);
        }
        String headers = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = headers.indexOf("content-length:");
        int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
        return head.substring(0, head.indexOf("\r\n"));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Calls that pass the blocking model's gate: the server's warm-up and the one inference thread's. */
    @Test
    void closeAnswersEveryAcceptedRequestRefusesNewOnesAndSendsClose1001() throws Exception {
        TestModels.BlockingModel model = new TestModels.BlockingModel(16, 2);
        WsInferServer server = WsInferServer.start(ServerConfig.builder().port(0).ioThreads(1).inferenceThreads(1)
                .drainTimeoutMs(10_000).build(), model);
        Thread closer = new Thread(server::close, "test-closer");
        try (TestWsClient c = TestWsClient.connect(server.wsUri());
             Socket http = new Socket("127.0.0.1", server.port())) {
            assertEquals("HTTP/1.1 200 OK", get(http, "/health"));
            for (long id = 1; id <= 5; id++) {
                c.write(new BinaryWebSocketFrame(BinaryCodec.encodeRequest(Unpooled.buffer().alloc(), request(id))));
            }
            c.flush();
            waitFor(() -> model.started.get() >= 1, "the first batch to reach the model");
            waitFor(() -> server.metrics().inFlight() == 5, "all five requests accepted");

            closer.start();
            waitFor(() -> server.phase() == ServerState.Phase.DRAINING, "draining");
            assertEquals("HTTP/1.1 503 Service Unavailable", get(http, "/health"));
            c.sendBinary(request(6));
            ErrorAnswer refused = assertInstanceOf(ErrorAnswer.class, c.nextAnswer());
            assertEquals(ErrorCode.UNAVAILABLE, refused.code());
            assertEquals(6, refused.id());

            model.release();
            Set<Long> answered = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                Answer a = c.nextAnswer();
                assertInstanceOf(Prediction.class, a, () -> "accepted requests are answered, not refused: " + a);
                answered.add(a.id());
            }
            assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), answered);
            assertEquals(1001, c.awaitCloseCode(10_000));
            assertTrue(c.awaitClosed(5_000));
            closer.join(15_000);
            assertEquals(ServerState.Phase.STOPPED, server.phase());
        } finally {
            model.release();
            server.close();
        }
    }

    @Test
    void closeGivesUpAtTheDrainTimeout() throws Exception {
        TestModels.BlockingModel model = new TestModels.BlockingModel(16, 2);
        WsInferServer server = WsInferServer.start(ServerConfig.builder().port(0).ioThreads(1).inferenceThreads(1)
                .drainTimeoutMs(200).build(), model);
        try (TestWsClient c = TestWsClient.connect(server.wsUri())) {
            c.sendBinary(request(1));
            waitFor(() -> model.started.get() >= 1, "the request to reach the model");
            long startNs = System.nanoTime();
            server.close();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertTrue(tookMs >= 200, "waited for the drain timeout, took " + tookMs + " ms");
            assertEquals(ServerState.Phase.STOPPED, server.phase());
            assertEquals(1001, c.awaitCloseCode(5_000));
        } finally {
            model.release();
            server.close();
        }
    }
}
