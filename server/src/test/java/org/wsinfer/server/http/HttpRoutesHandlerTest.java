package org.wsinfer.server.http;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.ServerState;
import org.wsinfer.server.TestModels;
import org.wsinfer.server.inference.BatchPolicy;
import org.wsinfer.server.inference.Batcher;
import org.wsinfer.server.inference.InferenceQueue;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.metrics.ServerMetrics;
import org.wsinfer.server.net.ServerContext;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP routes in an {@link EmbeddedChannel}: status codes by path, method, phase and connection limit. */
class HttpRoutesHandlerTest {
    private final ServerState state = new ServerState();
    private ServerMetrics metrics;
    private ServerContext server;

    @AfterEach
    void tearDown() {
        metrics.close();
    }

    private EmbeddedChannel channel(int maxConnections) {
        InferenceQueue queue = new InferenceQueue(10, 1 << 20);
        ModelHolder models = new ModelHolder(new TestModels.SumModel(4, 2),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        metrics = metrics == null ? new ServerMetrics(queue::size) : metrics;
        server = new ServerContext(ServerConfig.builder().maxConnections(maxConnections).build(), state, models,
                new Batcher(queue, models, BatchPolicy.off(), 1, System::nanoTime, metrics), metrics,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), System::nanoTime);
        return new EmbeddedChannel(new HttpRoutesHandler(server));
    }

    private static FullHttpResponse request(EmbeddedChannel ch, HttpMethod method, String uri) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        ch.writeInbound(req);
        return assertInstanceOf(FullHttpResponse.class, ch.readOutbound());
    }

    private static String body(FullHttpResponse res) {
        try {
            return res.content().toString(StandardCharsets.UTF_8);
        } finally {
            res.release();
        }
    }

    @Test
    void healthFollowsTheLifeCycle() {
        EmbeddedChannel ch = channel(10);
        FullHttpResponse starting = request(ch, HttpMethod.GET, "/health");
        assertEquals(503, starting.status().code());
        assertTrue(body(starting).contains("STARTING"));
        state.set(ServerState.Phase.SERVING);
        FullHttpResponse up = request(ch, HttpMethod.GET, "/health?probe=1");
        assertEquals(200, up.status().code());
        assertEquals("application/json; charset=utf-8", up.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("{\"status\":\"UP\"}", body(up));
        java.util.Date date = io.netty.handler.codec.DateFormatter.parseHttpDate(up.headers().get(HttpHeaderNames.DATE));
        assertTrue(date != null && Math.abs(date.getTime() - System.currentTimeMillis()) < 60_000,
                "Date header for the driver's clock check: " + up.headers().get(HttpHeaderNames.DATE));
        state.set(ServerState.Phase.DRAINING);
        FullHttpResponse draining = request(ch, HttpMethod.GET, "/health");
        assertEquals(503, draining.status().code());
        assertEquals("close", draining.headers().get(HttpHeaderNames.CONNECTION));
        body(draining);
        ch.finishAndReleaseAll();
    }

    @Test
    void modelInfoNamesTheModel() {
        state.set(ServerState.Phase.SERVING);
        EmbeddedChannel ch = channel(10);
        FullHttpResponse res = request(ch, HttpMethod.GET, "/v1/model");
        assertEquals(200, res.status().code());
        assertEquals("{\"name\":\"sum\",\"version\":3,\"input_dim\":4,\"output_dim\":2,\"dtype\":\"float32\","
                + "\"loaded_at\":\"2026-01-02T03:04:05Z\"}", body(res));
        ch.finishAndReleaseAll();
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        state.set(ServerState.Phase.SERVING);
        EmbeddedChannel ch = channel(10);
        FullHttpResponse missing = request(ch, HttpMethod.GET, "/v2/nothing");
        assertEquals(404, missing.status().code());
        body(missing);
        for (String path : new String[] {"/health", "/v1/model", "/metrics"}) {
            FullHttpResponse res = request(ch, HttpMethod.DELETE, path);
            assertEquals(405, res.status().code(), path);
            assertEquals("GET", res.headers().get(HttpHeaderNames.ALLOW));
            body(res);
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void metricsAreThePrometheusText() {
        state.set(ServerState.Phase.SERVING);
        EmbeddedChannel ch = channel(10);
        FullHttpResponse res = request(ch, HttpMethod.GET, "/metrics");
        assertEquals(200, res.status().code());
        assertTrue(res.headers().get(HttpHeaderNames.CONTENT_TYPE).startsWith("text/plain; version=0.0.4"));
        String text = body(res);
        assertTrue(text.contains("# TYPE wsinfer_requests_total counter"), text);
        assertTrue(text.contains("wsinfer_process_cpu_seconds_total"), text);
        ch.finishAndReleaseAll();
    }

    @Test
    void theHandshakeIsPassedOnUntilTheConnectionLimitThen503() {
        state.set(ServerState.Phase.SERVING);
        EmbeddedChannel first = channel(1);
        first.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws"));
        FullHttpRequest passed = assertInstanceOf(FullHttpRequest.class, first.readInbound(),
                "the upgrade request goes on to the WebSocket handler");
        passed.release();
        EmbeddedChannel second = new EmbeddedChannel(new HttpRoutesHandler(server));
        FullHttpResponse refused = request(second, HttpMethod.GET, "/ws");
        assertEquals(503, refused.status().code());
        body(refused);
        assertFalse(second.isOpen(), "refused connections are closed");
        first.close();
        EmbeddedChannel third = new EmbeddedChannel(new HttpRoutesHandler(server));
        third.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws"));
        FullHttpRequest again = assertInstanceOf(FullHttpRequest.class, third.readInbound(),
                "the slot was given back when the first connection closed");
        again.release();
        third.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void noHandshakeWhileDraining() {
        state.set(ServerState.Phase.DRAINING);
        EmbeddedChannel ch = channel(10);
        FullHttpResponse res = request(ch, HttpMethod.GET, "/ws");
        assertEquals(503, res.status().code());
        body(res);
        ch.finishAndReleaseAll();
    }
}
