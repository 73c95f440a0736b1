package org.wsinfer.server;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A raw client that sends 50,000 requests (200 MB) and never reads: the server stops reading it (so the client's
 * writes block) but keeps the connection open (throttled, not closed), its pooled direct memory grows by less than
 * {@link #DIRECT_BOUND_BYTES} and its heap by less than {@link #HEAP_BOUND_BYTES}, another client keeps being answered
 * (each answer well within {@link #OTHER_CLIENT_BOUND_MS}, against its own unloaded round trip printed beside it), and
 * once the flooder goes every accepted request is accounted for.
 */
class BackpressureTest {
    private static final int REQUESTS = 50_000;
    private static final int ROWS = 64;
    private static final int DIM = 16;
    /** Pooled direct memory the flood may add: the write buffer high mark and the in-flight answers, with room. */
    private static final long DIRECT_BOUND_BYTES = 48L << 20;
    /** Heap the flood may add (after a GC): at most 1,024 in-flight requests of 4 KB and their answers, with room. */
    private static final long HEAP_BOUND_BYTES = 64L << 20;
    /** A liveness bound, not a performance figure: an answer stuck behind the flood would take forever. */
    private static final long OTHER_CLIENT_BOUND_MS = 2_000;

    /** A masked binary frame (zero mask key) holding one PREDICT request of ROWS x DIM. */
    private static byte[] frame(long id) {
        int payload = 16 + 4 * ROWS * DIM;
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 4 + payload);
        b.put((byte) 0x82).put((byte) (0x80 | 126)).putShort((short) payload).putInt(0);
        b.order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put((byte) 1).putShort((short) ROWS).putInt(DIM).putLong(id);
        for (int i = 0; i < ROWS * DIM; i++) {
            b.putFloat(i * 0.5f);
        }
        return b.array();
    }

    private static Socket handshake(int port) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(64 * 1024);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("handshake failed: " + head);
            }
            head.append((char) c);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
        return s;
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** 20 round trips on {@code client}; the longest, in ms. */
    private static double roundTripsMaxMs(TestWsClient client, long firstId) throws Exception {
        long maxNs = 0;
        for (long id = firstId; id < firstId + 20; id++) {
            float[] in = new float[DIM];
            in[0] = id;
            long t0 = System.nanoTime();
            client.sendBinary(new PredictRequest(id, 1, DIM, in));
            Prediction p = assertInstanceOf(Prediction.class, client.nextAnswer());
            maxNs = Math.max(maxNs, System.nanoTime() - t0);
            assertEquals(id, p.id());
            assertEquals(id, p.outputs()[0]);
        }
        return maxNs / 1e6;
    }

    @Test
    void aClientThatNeverReadsIsStoppedAndOthersAreStillAnswered() throws Exception {
        long directBeforeBytes = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        try (WsInferServer server = WsInferServer.start(ServerConfig.builder().port(0).echo(true).echoDim(DIM)
                .ioThreads(2).inferenceThreads(1).build())) {
            double unloadedMaxMs;
            try (TestWsClient warm = TestWsClient.connect(server.wsUri())) {
                unloadedMaxMs = roundTripsMaxMs(warm, 1_000_000);
            }
            long heapBeforeBytes = heapUsedAfterGc();
            Socket flood = handshake(server.port());
            AtomicInteger framesWritten = new AtomicInteger();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = flood.getOutputStream();
                    for (int id = 1; id <= REQUESTS; id++) {
                        out.write(frame(id));
                        framesWritten.incrementAndGet();
                    }
                    out.flush();
                } catch (Exception closedByTest) {
                    // the test closes the socket to end the blocked write
                }
            }, "flooder");
            writer.setDaemon(true);
            writer.start();

            // wait until the flooder is stuck: the server stopped reading it
            int last = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (framesWritten.get() != last && framesWritten.get() < REQUESTS && System.nanoTime() < deadline) {
                last = framesWritten.get();
                Thread.sleep(1_000);
            }
            // the kernel's socket buffers (autotuned up to tens of MB) absorb some frames, never 200 MB of them
            int stuckAt = framesWritten.get();
            assertTrue(stuckAt < REQUESTS / 2, "the server stopped reading a client that does not read ("
                    + stuckAt + " of " + REQUESTS + " frames could be written)");

            double floodedMaxMs;
            try (TestWsClient other = TestWsClient.connect(server.wsUri())) {
                floodedMaxMs = roundTripsMaxMs(other, 1);
                assertEquals(2, server.metrics().openConnections(), "the flooder is throttled, not disconnected");
            }
            assertTrue(floodedMaxMs < OTHER_CLIENT_BOUND_MS, "another client's answers are not stuck behind the flood: "
                    + floodedMaxMs + " ms (unloaded " + unloadedMaxMs + " ms)");

            assertTrue(server.metrics().inFlight() <= server.config().maxInFlightPerConnection(),
                    "in flight " + server.metrics().inFlight());
            long grownBytes = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - directBeforeBytes;
            assertTrue(grownBytes < DIRECT_BOUND_BYTES, "direct memory grew by " + grownBytes + " bytes; the flood"
                    + " alone is " + (long) REQUESTS * frame(0).length + " bytes");
            long heapGrownBytes = heapUsedAfterGc() - heapBeforeBytes;
            assertTrue(heapGrownBytes < HEAP_BOUND_BYTES, "heap grew by " + heapGrownBytes + " bytes");
            assertTrue(framesWritten.get() < REQUESTS / 2, "still not reading: " + framesWritten.get());
            System.out.printf(java.util.Locale.US, "backpressure: flooder stuck after %d of %d frames (%d bytes);"
                            + " pooled direct memory grew %d bytes (bound %d), heap %d bytes (bound %d); in flight %d;"
                            + " other client's slowest answer %.1f ms under the flood, %.1f ms before it%n",
                    stuckAt, REQUESTS, (long) stuckAt * frame(0).length, grownBytes, DIRECT_BOUND_BYTES,
                    heapGrownBytes, HEAP_BOUND_BYTES, server.metrics().inFlight(), floodedMaxMs, unloadedMaxMs);
            flood.close();
            writer.join(5_000);
            // the flooder's accepted requests are answered (or dropped with its channel) and accounted for
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.metrics().inFlight() > 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(0, server.metrics().inFlight(), "nothing left in flight after the flooder closed");
        }
    }
}
