package org.wsinfer.server.hostile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.protocol.Protocol;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.TestWsClient;
import org.wsinfer.server.WsInferServer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and careless clients against the real server (issue 9 section 3): each test checks the answer to the bad
 * input, that a bystander connection opened before it and a fresh one after it are still answered, and that no
 * WARN/ERROR with a stack trace was logged; after all tests the server is closed and no buffer may have leaked
 * (Netty leak detection at PARANOID).
 */
class HostileClientsTest {
    private static final int DIM = 16;
    private static final int FRAME_LIMIT_BYTES = 64 * 1024;
    private static WsInferServer server;
    private static TestWsClient bystander;
    private static LogWatch log;
    /** The id of a binary ERROR frame that could not name the request (the wire carries 0). */
    private static final long BINARY_UNKNOWN_ID = 0;
    private static final AtomicInteger IDS = new AtomicInteger(1_000_000);

    @BeforeAll
    static void start() throws Exception {
        LeakWatch.get().collect(); // earlier test classes' reports are theirs, not ours
        log = LogWatch.install();
        server = WsInferServer.start(ServerConfig.builder().port(0).maxFramePayloadBytes(FRAME_LIMIT_BYTES)
                .inferenceThreads(1).ioThreads(2).idleTimeoutMs(30_000).build());
        bystander = TestWsClient.connect(server.wsUri());
    }

    @AfterAll
    static void stop() {
        try {
            if (bystander != null) {
                bystander.close();
            }
            if (server != null) {
                server.close();
            }
            log.assertNoStackTraces();
        } finally {
            log.close();
        }
        LeakWatch.get().assertNoLeaks();
    }

    @BeforeEach
    void clearLog() {
        log.clear();
    }

    @AfterEach
    void othersAreStillServedAndNothingWasLogged() throws Exception {
        assertServed(bystander);
        try (TestWsClient fresh = TestWsClient.connect(server.wsUri())) {
            assertServed(fresh);
        }
        awaitNoneInFlight();
        log.assertNoStackTraces();
    }

    // ---- binary frames ---------------------------------------------------------------------------------------

    @Test
    void truncatedBinaryFramesAreMalformed() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.sendBinary(new byte[0]);
            assertError(ws.readAnswer(), ErrorCode.MALFORMED, BINARY_UNKNOWN_ID);
            ws.sendBinary(new byte[] {1});
            assertError(ws.readAnswer(), ErrorCode.MALFORMED, BINARY_UNKNOWN_ID);
            ws.sendBinary(Arrays.copyOf(request(7, 1, DIM, new float[DIM]), 15)); // header cut short
            assertError(ws.readAnswer(), ErrorCode.MALFORMED, BINARY_UNKNOWN_ID);
            byte[] full = request(8, 2, DIM, new float[2 * DIM]);
            ws.sendBinary(Arrays.copyOf(full, full.length - 3)); // last float cut short
            assertError(ws.readAnswer(), ErrorCode.MALFORMED, 8);
            ws.sendBinary(Arrays.copyOf(full, full.length + 4)); // one float too many
            assertError(ws.readAnswer(), ErrorCode.MALFORMED, 8);
            byte[] badVersion = request(9, 1, DIM, new float[DIM]);
            badVersion[0] = 2;
            ws.sendBinary(badVersion);
            assertError(ws.readAnswer(), ErrorCode.MALFORMED, 9);
            byte[] badKind = request(10, 1, DIM, new float[DIM]);
            badKind[1] = 3;
            ws.sendBinary(badKind);
            assertEquals(ErrorCode.UNKNOWN_KIND, ((ErrorAnswer) ws.readAnswer()).code());
        }
    }

    @Test
    void aWebSocketFrameCutOffMidwayIsDroppedWithTheConnection() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            byte[] frame = RawWebSocket.frame(true, RawWebSocket.BINARY, request(11, 4, DIM, new float[4 * DIM]));
            ws.writeRaw(Arrays.copyOf(frame, frame.length / 2)); // header says more than ever comes
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.writeRaw(new byte[] {(byte) 0x82}); // one byte of a frame header
        }
    }

    @Test
    void rowsTimesColsOverflowing32BitsIsRefusedBeforeAllocating() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            // 4 * rows * cols = 2^34 wraps to 0 in 32 bits: a 16-byte frame would look complete to an int check
            ws.sendBinary(header(21, 4, 1 << 30));
            assertError(ws.readAnswer(), ErrorCode.MALFORMED, 21);
            // rows * cols = 2^32 - 65535 - ... as large as the header can say
            ws.sendBinary(header(22, 65_535, 0xFFFF_FFFF));
            assertError(ws.readAnswer(), ErrorCode.MALFORMED, 22);
            // the honest version: a frame as long as 256 x 1025 floats says is over the payload limit
            // (Netty refuses it from the frame header, so only the first bytes are sent)
            byte[] frame = RawWebSocket.frame(true, RawWebSocket.BINARY, request(23, 256, 1025, new float[0], 256 * 1025));
            ws.writeRaw(Arrays.copyOf(frame, 64));
            assertEquals(1009, ws.readCloseCode());
        }
    }

    @Test
    void nanAndInfinityAreInvalidValues() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            long id = 30;
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                float[] in = new float[DIM];
                in[5] = bad;
                ws.sendBinary(request(id, 1, DIM, in));
                assertError(ws.readAnswer(), ErrorCode.INVALID_VALUE, id);
                id++;
            }
            ws.sendText("{\"id\":40,\"inputs\":[[" + "1,".repeat(DIM - 1) + "1e999]]}");
            assertError(ws.readAnswer(), ErrorCode.INVALID_VALUE, 40);
            ws.sendText("{\"id\":41,\"inputs\":[[" + "1,".repeat(DIM - 1) + "-1e39]]}");
            assertError(ws.readAnswer(), ErrorCode.INVALID_VALUE, 41);
            ws.sendText("{\"id\":42,\"inputs\":[[" + "1,".repeat(DIM - 1) + "NaN]]}");
            assertError(ws.readAnswer(), ErrorCode.INVALID_VALUE, 42);
            ws.sendText("{\"id\":43,\"inputs\":[[" + "1,".repeat(DIM - 1) + "\"Infinity\"]]}");
            assertEquals(ErrorCode.MALFORMED, ((ErrorAnswer) ws.readAnswer()).code());
        }
    }

    // ---- text frames ----------------------------------------------------------------------------------------

    @Test
    void invalidUtf8InATextFrameIsClosed1007() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            byte[] json = "{\"id\":1,\"inputs\":[[1]]}".getBytes(StandardCharsets.US_ASCII);
            byte[] bad = Arrays.copyOf(json, json.length + 2);
            bad[json.length] = (byte) 0xC3; // a lead byte followed by an ASCII byte
            bad[json.length + 1] = (byte) 0x28;
            ws.send(true, RawWebSocket.TEXT, bad);
            assertEquals(1007, ws.readCloseCode());
            assertTrue(ws.awaitEof(5_000));
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            // a two-byte character split across fragments is fine; a stray continuation byte is not
            ws.send(false, RawWebSocket.TEXT, new byte[] {'"', (byte) 0xC3});
            ws.send(true, RawWebSocket.CONTINUATION, new byte[] {(byte) 0xA9, '"'});
            assertEquals(ErrorCode.MALFORMED, ((ErrorAnswer) ws.readAnswer()).code());
            ws.send(true, RawWebSocket.TEXT, new byte[] {'"', (byte) 0x80, '"'});
            assertEquals(1007, ws.readCloseCode());
        }
    }

    @Test
    void hugeJsonIsClosed1009AndLongNumbersAreMalformed() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String big = "{\"id\":50,\"inputs\":[" + "[0.5],".repeat(FRAME_LIMIT_BYTES / 6 + 10) + "[0.5]]}";
            ws.sendText(big);
            assertEquals(1009, ws.readCloseCode());
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.sendText("{\"id\":51,\"inputs\":[[" + "1".repeat(20_000) + "]]}");
            assertEquals(ErrorCode.MALFORMED, ((ErrorAnswer) ws.readAnswer()).code());
            ws.sendText("{\"id\":52,\"pad\":\"" + "x".repeat(50_000) + "\",\"inputs\":[["
                    + "1,".repeat(DIM - 1) + "1]]}");
            assertInstanceOf(Prediction.class, ws.readAnswer()); // unknown fields are ignored, whatever their size
            ws.sendText("{\"id\":53,\"inputs\":[" + "[1],".repeat(10_000) + "[1]]}");
            assertError(ws.readAnswer(), ErrorCode.SHAPE_MISMATCH, 53);
        }
    }

    @Test
    void deeplyNestedJsonIsMalformed() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            int depth = 20_000;
            ws.sendText("{\"id\":60,\"inputs\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
            assertEquals(ErrorCode.MALFORMED, ((ErrorAnswer) ws.readAnswer()).code());
            int objects = 5_000; // 5 bytes a level, within the 64 KiB frame
            ws.sendText("{\"id\":61,\"x\":" + "{\"x\":".repeat(objects) + "1" + "}".repeat(objects) + "}");
            assertEquals(ErrorCode.MALFORMED, ((ErrorAnswer) ws.readAnswer()).code());
            ws.sendText("[".repeat(30_000));
            assertEquals(ErrorCode.MALFORMED, ((ErrorAnswer) ws.readAnswer()).code());
        }
    }

    // ---- fragments, control frames ---------------------------------------------------------------------------

    @Test
    void fragmentedMessagesAreReassembledAndBadFragmentsClose1002Or1009() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            float[] in = ramp(3 * DIM);
            byte[] whole = request(70, 3, DIM, in);
            int step = 7;
            for (int off = 0; off < whole.length; off += step) {
                boolean last = off + step >= whole.length;
                ws.send(last, off == 0 ? RawWebSocket.BINARY : RawWebSocket.CONTINUATION,
                        Arrays.copyOfRange(whole, off, Math.min(whole.length, off + step)));
                if (off == 5 * step) {
                    ws.send(true, RawWebSocket.PING, "mid".getBytes(StandardCharsets.US_ASCII)); // allowed between
                }
            }
            Prediction p = (Prediction) ws.readAnswer();
            assertEquals(70, p.id());
            assertEquals(3, p.rows());
            String text = "{\"id\":71,\"inputs\":[[" + "0.25,".repeat(DIM - 1) + "0.25]]}";
            byte[] t = text.getBytes(StandardCharsets.UTF_8);
            ws.send(false, RawWebSocket.TEXT, Arrays.copyOfRange(t, 0, 10));
            ws.send(false, RawWebSocket.CONTINUATION, Arrays.copyOfRange(t, 10, 20));
            ws.send(true, RawWebSocket.CONTINUATION, Arrays.copyOfRange(t, 20, t.length));
            assertEquals(71, ws.readAnswer().id());
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.send(true, RawWebSocket.CONTINUATION, new byte[] {1, 2, 3}); // no message to continue
            assertEquals(1002, ws.readCloseCode());
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.send(false, RawWebSocket.BINARY, new byte[] {1, 1});
            ws.send(true, RawWebSocket.TEXT, new byte[] {'{', '}'}); // a new message before the first ended
            assertEquals(1002, ws.readCloseCode());
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.send(false, RawWebSocket.PING, new byte[] {1}); // control frames must not be fragmented
            assertEquals(1002, ws.readCloseCode());
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.send(true, 0x3, new byte[] {1}); // reserved opcode
            assertEquals(1002, ws.readCloseCode());
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            byte[] chunk = new byte[16 * 1024];
            ws.send(false, RawWebSocket.BINARY, chunk);
            for (int i = 0; i < 6; i++) {
                ws.send(false, RawWebSocket.CONTINUATION, chunk); // 112 KiB in all, over the 64 KiB limit
            }
            assertEquals(1009, ws.readCloseCode());
        }
    }

    @Test
    void aPingFloodIsAnsweredAndDoesNotStarveAnyone() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            int pings = 20_000;
            byte[] payload = new byte[125];
            AtomicInteger pongs = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try {
                    while (pongs.get() < pings) {
                        RawWebSocket.Frame f = ws.readFrame();
                        if (f.opcode() == RawWebSocket.PONG) {
                            pongs.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // counted below
                }
            });
            reader.start();
            byte[] ping = RawWebSocket.frame(true, RawWebSocket.PING, payload);
            byte[] burst = new byte[ping.length * 100];
            for (int i = 0; i < 100; i++) {
                System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
            }
            for (int i = 0; i < pings / 100; i++) {
                ws.writeRaw(burst);
            }
            reader.join(20_000);
            assertEquals(pings, pongs.get(), "every ping gets its pong");
            ws.sendBinary(request(80, 1, DIM, ramp(DIM)));
            assertEquals(80, ws.readAnswer().id());
        }
        // a flood from a client that never reads its pongs: the server stops reading it, others are still served
        RawWebSocket silent = RawWebSocket.open(server.port(), 8 * 1024);
        assertEquals(101, silent.handshake("/ws", Map.of()).status());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        Thread flooder = new Thread(() -> {
            byte[] ping = RawWebSocket.frame(true, RawWebSocket.PING, new byte[125]);
            try {
                while (!stop.get() && sent.get() < 400_000) {
                    silent.writeRaw(ping);
                    sent.incrementAndGet();
                }
            } catch (IOException e) {
                // closed by the test
            }
        });
        flooder.start();
        Thread.sleep(500);
        assertServed(bystander);
        stop.set(true);
        silent.abort();
        flooder.join(5_000);
        assertFalse(flooder.isAlive());
    }

    @Test
    void aCloseFrameIsEchoedAndTheConnectionEnds() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.send(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000
            assertEquals(1000, ws.readCloseCode());
            assertTrue(ws.awaitEof(5_000));
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    @Test
    void plainHttpToTheWebSocketPathIsRefusedWithAStatus() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), 0)) {
            ws.writeRaw("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawWebSocket.HttpAnswer a = ws.readHttp();
            assertEquals(400, a.status(), a.toString());
            assertTrue(ws.awaitEof(5_000));
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), 0)) {
            ws.writeRaw(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII)); // no key
            assertEquals(400, ws.readHttp().status());
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), 0)) {
            ws.writeRaw(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            RawWebSocket.HttpAnswer a = ws.readHttp();
            assertEquals(426, a.status(), a.toString());
            assertEquals("13", a.headers().get("sec-websocket-version"));
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), 0)) {
            ws.writeRaw("POST /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(400, ws.readHttp().status());
        }
    }

    @Test
    void malformedHttpGetsA4xx() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), 0)) {
            ws.writeRaw("GET /ws%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(400, ws.readHttp().status());
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), 0)) {
            ws.writeRaw(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(400, ws.readHttp().status(), "an oversized header");
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), 0)) {
            ws.writeRaw(("POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 200000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(413, ws.readHttp().status());
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), 0)) {
            byte[] garbage = new byte[512];
            new java.util.SplittableRandom(9).nextBytes(garbage);
            garbage[0] = 0x16; // looks like a TLS record to a plain port
            ws.writeRaw(garbage);
            ws.writeRaw("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(400, ws.readHttp().status(), "random bytes instead of a request");
        }
    }

    // ---- careless clients -----------------------------------------------------------------------------------

    @Test
    void aClientThatDisconnectsWithRequestsInFlightLeavesNothingBehind() throws Exception {
        for (int round = 0; round < 3; round++) {
            RawWebSocket ws = RawWebSocket.connect(server.port());
            byte[] frame = RawWebSocket.frame(true, RawWebSocket.BINARY, request(90, 64, DIM, ramp(64 * DIM)));
            byte[] burst = new byte[frame.length * 50];
            for (int i = 0; i < 50; i++) {
                System.arraycopy(frame, 0, burst, i * frame.length, frame.length);
            }
            for (int i = 0; i < 10; i++) {
                ws.writeRaw(burst); // 500 requests of 64 rows
            }
            if (round == 0) {
                ws.abort(); // RST
            } else if (round == 1) {
                ws.close(); // FIN without a close frame
            } else {
                ws.send(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8});
                ws.close();
            }
        }
        awaitNoneInFlight();
    }

    @Test
    void aClientThatSendsAndNeverReadsIsThrottledNotBuffered() throws Exception {
        RawWebSocket ws = RawWebSocket.open(server.port(), 16 * 1024);
        assertEquals(101, ws.handshake("/ws", Map.of()).status());
        byte[] frame = RawWebSocket.frame(true, RawWebSocket.BINARY, request(95, 64, DIM, ramp(64 * DIM)));
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                while (!stop.get() && written.get() < 20_000) {
                    ws.writeRaw(frame);
                    written.incrementAndGet();
                }
            } catch (IOException e) {
                // closed by the test
            }
        });
        writer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int last = -1;
        while (System.nanoTime() < deadline) { // wait until the writer is blocked by the server's back pressure
            Thread.sleep(200);
            int now = written.get();
            if (now == last) {
                break;
            }
            last = now;
        }
        assertTrue(written.get() < 20_000, "the writer should block, wrote " + written.get() + " frames");
        assertServed(bystander);
        stop.set(true);
        ws.abort();
        writer.join(5_000);
        assertFalse(writer.isAlive());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void assertServed(TestWsClient client) throws Exception {
        long id = IDS.incrementAndGet();
        float[] in = ramp(DIM);
        client.sendBinary(new PredictRequest(id, 1, DIM, in));
        Answer a = client.nextAnswer();
        assertInstanceOf(Prediction.class, a, a::toString);
        assertEquals(id, a.id());
        client.sendText(new PredictRequest(id + 1_000_000_000L, 1, DIM, in));
        Answer t = client.nextAnswer();
        assertInstanceOf(Prediction.class, t, t::toString);
        assertArrayEquals(((Prediction) a).outputs(), ((Prediction) t).outputs(), 1e-5f);
    }

    private static void awaitNoneInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.metrics().inFlight() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.metrics().inFlight(), "accepted requests of gone clients must be finished");
    }

    private static void assertError(Answer a, ErrorCode code, long id) {
        ErrorAnswer e = assertInstanceOf(ErrorAnswer.class, a, a::toString);
        assertEquals(code, e.code(), e.message());
        assertEquals(id, e.id(), e.message());
        assertTrue(e.id() != Protocol.UNKNOWN_ID || id == Protocol.UNKNOWN_ID);
        assertFalse(e.message().isBlank());
    }

    private static float[] ramp(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i % 17) * 0.125f - 1f;
        }
        return f;
    }

    /** A PREDICT frame: the 16-byte header (rows, cols, id) and {@code values}. */
    static byte[] request(long id, int rows, int cols, float[] values) {
        return request(id, rows, cols, values, values.length);
    }

    /** A PREDICT frame whose header says rows x cols and which carries {@code floats} floats (zeros past values). */
    static byte[] request(long id, int rows, int cols, float[] values, int floats) {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put((byte) 1).putShort((short) rows).putInt(cols).putLong(id);
        for (int i = 0; i < floats; i++) {
            b.putFloat(i < values.length ? values[i] : 0f);
        }
        return b.array();
    }

    /** A bare 16-byte PREDICT header. */
    static byte[] header(long id, int rows, int cols) {
        return request(id, rows, cols, new float[0], 0);
    }
}
