package org.wsinfer.server.security;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link AccessPolicy} to each HTTP request before the routes see it: the WebSocket handshake
 * ({@code /ws}: Origin allowlist 403, bearer token 401) and the admin endpoints (every path under
 * {@code /v1/model/}, such as {@code POST /v1/model/reload} and {@code /rollback}: admin token 401). A request whose
 * URI cannot be decoded is answered 400 here. Refused requests are released and the connection is closed; every
 * other message (later WebSocket frames too) passes untouched.
 */
@ChannelHandler.Sharable
public final class HandshakeGuard extends ChannelInboundHandlerAdapter {
    /** Path of the WebSocket endpoint (the same as the routes'). */
    public static final String WEBSOCKET_PATH = "/ws";
    /** Every path below this one is an admin endpoint. */
    public static final String ADMIN_PATH_PREFIX = "/v1/model/";

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);

    private final AccessPolicy policy;

    /** A guard applying {@code policy}. */
    public HandshakeGuard(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || !req.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(req.uri()).path();
        } catch (IllegalArgumentException e) {
            refuse(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad request URI", null);
            return;
        }
        AccessDecision decision;
        if (WEBSOCKET_PATH.equals(path)) {
            decision = policy.checkHandshake(req.headers());
        } else if (path.startsWith(ADMIN_PATH_PREFIX)) {
            decision = policy.checkAdmin(req.headers());
        } else {
            ctx.fireChannelRead(msg);
            return;
        }
        if (decision.allowed()) {
            ctx.fireChannelRead(msg);
        } else {
            refuse(ctx, req, decision.status(), decision.reason(), decision.challenge());
        }
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                               String reason, String challenge) {
        // the client's fault: no stack trace, and never the presented credentials
        LOG.debug("refused {} {} from {}: {} {}", req.method(), sanitize(req.uri()), ctx.channel().remoteAddress(),
                status.code(), reason);
        req.release();
        RefusalResponses.send(ctx, status, reason, challenge);
    }

    private static String sanitize(String uri) {
        String s = uri.length() > 200 ? uri.substring(0, 200) + "..." : uri;
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
