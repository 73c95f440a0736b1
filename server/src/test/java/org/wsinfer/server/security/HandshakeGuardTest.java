package org.wsinfer.server.security;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import org.junit.jupiter.api.Test;
import org.wsinfer.server.ServerConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guard in an EmbeddedChannel: what it lets through untouched, what it refuses (released, answered, closed). */
class HandshakeGuardTest {
    private static final AccessPolicy POLICY = AccessPolicy.from(ServerConfig.builder().authToken("hs")
            .adminToken("adm").allowedOrigins(List.of("https://app.example")).build());

    private static FullHttpRequest get(String uri, String... nameValue) {
        return request(HttpMethod.GET, uri, nameValue);
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String... nameValue) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        for (int i = 0; i < nameValue.length; i += 2) {
            r.headers().add(nameValue[i], nameValue[i + 1]);
        }
        return r;
    }

    private static void assertPasses(FullHttpRequest req) {
        EmbeddedChannel ch = new EmbeddedChannel(new HandshakeGuard(POLICY));
        ch.writeInbound(req);
        assertSame(req, ch.readInbound());
        assertNull(ch.readOutbound());
        assertEquals(1, req.refCnt());
        req.release();
        ch.finishAndReleaseAll();
    }

    private static FullHttpResponse assertRefused(FullHttpRequest req, HttpResponseStatus status) {
        EmbeddedChannel ch = new EmbeddedChannel(new HandshakeGuard(POLICY));
        ch.writeInbound(req);
        assertNull(ch.readInbound());
        assertEquals(0, req.refCnt(), "a refused request is released");
        FullHttpResponse res = ch.readOutbound();
        assertEquals(status, res.status());
        assertEquals("close", res.headers().get(HttpHeaderNames.CONNECTION));
        assertFalse(ch.isOpen(), "the connection is closed after a refusal");
        ch.finishAndReleaseAll();
        return res;
    }

    @Test
    void theHandshakeNeedsTheTokenAndAnAllowedOrigin() {
        assertPasses(get("/ws", "Authorization", "Bearer hs"));
        assertPasses(get("/ws?x=1", "Authorization", "Bearer hs", "Origin", "https://app.example"));
        FullHttpResponse r = assertRefused(get("/ws"), HttpResponseStatus.UNAUTHORIZED);
        assertEquals("Bearer realm=\"wsinfer\"", r.headers().get(HttpHeaderNames.WWW_AUTHENTICATE));
        r.release();
        assertRefused(get("/ws", "Authorization", "Bearer nope"), HttpResponseStatus.UNAUTHORIZED).release();
        assertRefused(get("/ws", "Authorization", "Bearer hs", "Origin", "https://evil.example"),
                HttpResponseStatus.FORBIDDEN).release();
    }

    @Test
    void adminPathsNeedTheAdminToken() {
        assertPasses(request(HttpMethod.POST, "/v1/model/reload", "Authorization", "Bearer adm"));
        assertPasses(request(HttpMethod.POST, "/v1/model/rollback", "Authorization", "Bearer adm"));
        assertRefused(request(HttpMethod.POST, "/v1/model/reload"), HttpResponseStatus.UNAUTHORIZED).release();
        assertRefused(request(HttpMethod.POST, "/v1/model/rollback", "Authorization", "Bearer hs"),
                HttpResponseStatus.UNAUTHORIZED).release();
    }

    @Test
    void otherPathsAndFramesPassUntouched() {
        assertPasses(get("/health"));
        assertPasses(get("/v1/model"));
        assertPasses(get("/metrics"));
        assertPasses(get("/nope"));
        EmbeddedChannel ch = new EmbeddedChannel(new HandshakeGuard(POLICY));
        BinaryWebSocketFrame f = new BinaryWebSocketFrame();
        ch.writeInbound(f);
        assertSame(f, ch.readInbound());
        f.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void anUndecodableUriIs400() {
        assertRefused(get("/ws%zz"), HttpResponseStatus.BAD_REQUEST).release();
    }
}
