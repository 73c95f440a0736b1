package org.wsinfer.server.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.TestWsClient;
import org.wsinfer.server.WsInferServer;
import org.wsinfer.server.hostile.LeakWatch;
import org.wsinfer.server.hostile.LogWatch;
import org.wsinfer.server.hostile.RawWebSocket;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access control over the wire with the JDK's WebSocket and HTTP clients: the handshake token (401), the Origin
 * allowlist (403), the admin token on reload and rollback (401), connections per address (503); the tokens never
 * appear in the log, even at DEBUG.
 */
class AccessControlEndToEndTest {
    private static final String TOKEN = "hs-7f3a9c1e5b";
    private static final String ADMIN = "adm-2d8e4f6a0c";
    private static final String ORIGIN = "https://app.example";
    private static final int DIM = 4;
    private static WsInferServer server;
    private static LogWatch log;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Logger WSINFER = (Logger) LoggerFactory.getLogger("org.wsinfer");
    private static Level savedLevel;

    @BeforeAll
    static void start() throws Exception {
        LeakWatch.get().collect();
        savedLevel = WSINFER.getLevel();
        WSINFER.setLevel(Level.DEBUG); // refusals are logged at DEBUG: they must not name the token either
        log = LogWatch.install();
        server = WsInferServer.start(ServerConfig.builder().port(0).echo(true).echoDim(DIM).inferenceThreads(1)
                .ioThreads(1).authToken(TOKEN).adminToken(ADMIN).allowedOrigins(List.of(ORIGIN)).build());
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
            log.assertNoStackTraces();
            assertTrue(log.events().stream().anyMatch(e -> e.getLoggerName().endsWith("HandshakeGuard")),
                    "the refusals were logged (at DEBUG), so the next check has something to look at");
            log.assertNeverLogged(TOKEN);
            log.assertNeverLogged(ADMIN);
        } finally {
            log.close();
            WSINFER.setLevel(savedLevel);
        }
        LeakWatch.get().assertNoLeaks();
    }

    private static int handshakeStatus(Map<String, String> headers) throws Exception {
        try (WsClients.Connection c = WsClients.connect(HTTP, server.wsUri(), headers).get(10, TimeUnit.SECONDS)) {
            return 101;
        } catch (ExecutionException e) {
            WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            return h.getResponse().statusCode();
        }
    }

    @Test
    void theHandshakeNeedsTheBearerToken() throws Exception {
        assertEquals(401, handshakeStatus(Map.of()));
        assertEquals(401, handshakeStatus(Map.of("Authorization", "Bearer wrong")));
        assertEquals(401, handshakeStatus(Map.of("Authorization", "Bearer " + ADMIN)));
        assertEquals(401, handshakeStatus(Map.of("Authorization", "Basic " + TOKEN)));
        assertEquals(101, handshakeStatus(Map.of("Authorization", "Bearer " + TOKEN)));
        try (RawWebSocket raw = RawWebSocket.open(server.port(), 0)) {
            RawWebSocket.HttpAnswer a = raw.handshake("/ws", Map.of());
            assertEquals(401, a.status());
            assertEquals("Bearer realm=\"wsinfer\"", a.headers().get("www-authenticate"));
            assertTrue(raw.awaitEof(5_000), "closed after the refusal");
        }
    }

    @Test
    void theOriginMustBeAllowedWhenThereIsOne() throws Exception {
        String auth = "Bearer " + TOKEN;
        assertEquals(101, handshakeStatus(Map.of("Authorization", auth, "Origin", ORIGIN)));
        assertEquals(403, handshakeStatus(Map.of("Authorization", auth, "Origin", "https://evil.example")));
        assertEquals(403, handshakeStatus(Map.of("Authorization", auth, "Origin", "null")));
        assertEquals(403, handshakeStatus(Map.of("Origin", "https://evil.example")), "origin is checked first");
    }

    @Test
    void anAuthorizedConnectionIsServed() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(server.port(), 0)) {
            assertEquals(101, raw.handshake("/ws", Map.of("Authorization", "Bearer " + TOKEN)).status());
            float[] in = {1, 2, 3, 4};
            raw.sendText("{\"id\":3,\"inputs\":[[1,2,3,4]]}");
            Prediction p = assertInstanceOf(Prediction.class, raw.readAnswer());
            assertEquals(3, p.id());
            assertEquals(in[3], p.outputs()[3]);
        }
    }

    @Test
    void reloadAndRollbackNeedTheAdminToken() throws Exception {
        for (String path : new String[] {"/v1/model/reload", "/v1/model/rollback"}) {
            assertEquals(401, post(path, null));
            assertEquals(401, post(path, "Bearer " + TOKEN), "the handshake token is not the admin token");
            assertEquals(401, post(path, "Bearer " + ADMIN + "x"));
            int status = post(path, "Bearer " + ADMIN);
            assertNotEquals(401, status, path);
            assertNotEquals(403, status, path);
        }
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), "the plain endpoints need no token");
    }

    private static int post(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.httpUri() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void connectionsPerAddressAreLimited() throws Exception {
        try (WsInferServer limited = WsInferServer.start(ServerConfig.builder().port(0).echo(true).echoDim(DIM)
                .inferenceThreads(1).ioThreads(1).maxConnectionsPerAddress(3).build())) {
            List<TestWsClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(TestWsClient.connect(limited.wsUri()));
                }
                for (int i = 0; i < 2; i++) {
                    try (RawWebSocket over = RawWebSocket.open(limited.port(), 0)) {
                        RawWebSocket.HttpAnswer a = over.readHttp(); // answered at accept, before any request
                        assertEquals(503, a.status());
                        assertTrue(a.body().contains("per address"), a.body());
                        assertTrue(over.awaitEof(5_000));
                    }
                }
                assertThrows(Exception.class, () -> TestWsClient.connect(limited.wsUri()).close());
                open.get(0).sendBinary(new PredictRequest(1, 1, DIM, new float[DIM]));
                assertInstanceOf(Prediction.class, open.get(0).nextAnswer(), "the admitted ones are served");
                open.remove(0).close();
                TestWsClient again = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (again == null && System.nanoTime() < deadline) { // the slot comes back when the server sees the close
                    try {
                        again = TestWsClient.connect(limited.wsUri());
                    } catch (Exception refused) {
                        Thread.sleep(20);
                    }
                }
                assertTrue(again != null, "a freed slot can be used again");
                open.add(again);
            } finally {
                open.forEach(TestWsClient::close);
            }
        }
    }
}
