package org.wsinfer.server.security;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.WsInferServer;
import org.wsinfer.server.hostile.LeakWatch;
import org.wsinfer.server.hostile.LogWatch;
import org.wsinfer.server.hostile.RawWebSocket;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server with {@code --tls-cert/--tls-key} (a certificate made at run time) serves {@code wss://} and
 * {@code https://}: the JDK client that trusts the certificate gets answers, one that does not is refused at the TLS
 * handshake, and plain HTTP to the TLS port is closed; none of this logs a stack trace or leaks.
 */
class TlsEndToEndTest {
    private static final int DIM = 8;
    @TempDir
    static Path dir;
    private static WsInferServer server;
    private static TestCertificates.Pem pem;
    private static HttpClient trusting;
    private static LogWatch log;

    @BeforeAll
    static void start() throws Exception {
        LeakWatch.get().collect();
        log = LogWatch.install();
        pem = TestCertificates.write(dir, "server");
        server = WsInferServer.start(ServerConfig.builder().port(0).echo(true).echoDim(DIM).inferenceThreads(1)
                .ioThreads(1).tlsCert(pem.cert()).tlsKey(pem.key()).build());
        trusting = HttpClient.newBuilder().sslContext(TestCertificates.trusting(pem.cert()))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
            log.assertNoStackTraces();
        } finally {
            log.close();
        }
        LeakWatch.get().assertNoLeaks();
    }

    @Test
    void theServerNamesWssAndHttps() {
        assertEquals("wss", server.wsUri().getScheme());
        assertEquals("https", server.httpUri().getScheme());
    }

    @Test
    void aTrustingClientIsAnsweredOverWss() throws Exception {
        HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        try (WsClients.Connection c = WsClients.connect(trusting, server.wsUri(), Map.of()).get(10, TimeUnit.SECONDS)) {
            float[] in = {1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8};
            ByteBuf req = BinaryCodec.encodeRequest(ByteBufAllocator.DEFAULT, new PredictRequest(5, 2, DIM, in));
            ByteBuffer nio = ByteBuffer.allocate(req.readableBytes());
            req.readBytes(nio);
            req.release();
            nio.flip();
            c.socket().sendBinary(nio, true).get(5, TimeUnit.SECONDS);
            Answer a = BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(c.nextBinary()));
            Prediction p = assertInstanceOf(Prediction.class, a, a::toString);
            assertEquals(5, p.id());
            assertArrayEquals(in, p.outputs());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsTheHandshake() throws Exception {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> WsClients.connect(untrusting, server.wsUri(), Map.of()).get(10, TimeUnit.SECONDS));
        assertTrue(hasCause(e, SSLHandshakeException.class), e.toString());
        assertThrows(SSLHandshakeException.class, () -> untrusting.send(
                HttpRequest.newBuilder(URI.create(server.httpUri() + "/health")).build(),
                HttpResponse.BodyHandlers.discarding()));
        assertStillServing();
    }

    @Test
    void plainHttpToTheTlsPortIsClosed() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(server.port(), 0)) {
            raw.handshake("/ws", Map.of());
            throw new AssertionError("plain HTTP got an HTTP answer from the TLS port");
        } catch (java.io.IOException expected) {
            // closed (or reset) without an HTTP answer
        }
        assertStillServing();
    }

    @Test
    void aClientThatStopsMidHandshakeIsDropped() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(server.port(), 0)) {
            raw.writeRaw(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01}); // the start of a ClientHello, then nothing
        }
        assertStillServing();
    }

    private static void assertStillServing() throws Exception {
        HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c) || (c instanceof CompletionException && type.isInstance(c.getCause()))) {
                return true;
            }
        }
        return false;
    }
}
