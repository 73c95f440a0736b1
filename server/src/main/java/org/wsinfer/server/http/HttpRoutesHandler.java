package org.wsinfer.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import org.wsinfer.server.net.ServerContext;
import org.wsinfer.server.swap.ModelAdminRoutes;


/**
 * Answers the HTTP endpoints ({@code GET /health}, {@code GET /v1/model}, {@code GET /metrics}; 404 for other paths,
 * 405 for other methods) and lets a request for the WebSocket path through to the handshake, unless the connection
 * limit is reached or the server is not serving (503).
 */
@ChannelHandler.Sharable
public final class HttpRoutesHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Path of the WebSocket endpoint. */
    public static final String WEBSOCKET_PATH = "/ws";

    private static final AttributeKey<Boolean> WS_SLOT = AttributeKey.valueOf("wsinfer.wsSlot");

    private final ServerContext server;
    private final ModelAdminRoutes admin;

    /** Routes for {@code server}, without the model admin endpoints (they answer 503). */
    public HttpRoutesHandler(ServerContext server) {
        this(server, null);
    }

    /** Routes for {@code server}; {@code admin} answers {@code POST /v1/model/reload} and {@code /v1/model/rollback}. */
    public HttpRoutesHandler(ServerContext server, ModelAdminRoutes admin) {
        this.server = server;
        this.admin = admin;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
        if (!req.decoderResult().isSuccess()) {
            HttpResponses.send(ctx, req, HttpResponseStatus.BAD_REQUEST, HttpResponses.TEXT, "bad request\n", true);
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        switch (path) {
            case WEBSOCKET_PATH:
                upgrade(ctx, req);
                return;
            case "/health":
                if (allowed(ctx, req)) {
                    health(ctx, req);
                }
                return;
            case "/v1/model":
                if (allowed(ctx, req)) {
                    HttpResponses.send(ctx, req, HttpResponseStatus.OK, HttpResponses.JSON, modelJson());
                }
                return;
            case ModelAdminRoutes.RELOAD_PATH:
                if (adminAllowed(ctx, req)) {
                    admin.reload(ctx, req);
                }
                return;
            case ModelAdminRoutes.ROLLBACK_PATH:
                if (adminAllowed(ctx, req)) {
                    admin.rollback(ctx, req);
                }
                return;
            case "/metrics":
                if (allowed(ctx, req)) {
                    HttpResponses.send(ctx, req, HttpResponseStatus.OK, HttpResponses.PROMETHEUS,
                            server.metrics().scrape());
                }
                return;
            default:
                HttpResponses.send(ctx, req, HttpResponseStatus.NOT_FOUND, HttpResponses.JSON,
                        "{\"error\":\"no such path\"}");
        }
    }

    private static boolean allowed(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (HttpMethod.GET.equals(req.method())) {
            return true;
        }
        HttpResponses.send(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, HttpResponses.JSON,
                "{\"error\":\"method not allowed\"}");
        return false;
    }

    /**
     * POST only (405 with {@code Allow: POST}) and admin endpoints enabled (503). The admin bearer token is checked
     * before this handler, by {@code security.HandshakeGuard} ("access" in the pipeline), for every /v1/model/ path.
     */
    private boolean adminAllowed(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!HttpMethod.POST.equals(req.method())) {
            HttpResponses.send(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, HttpResponses.JSON,
                    "{\"error\":\"method not allowed\"}", false, "POST");
            return false;
        }
        if (admin == null) {
            HttpResponses.send(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, HttpResponses.JSON,
                    "{\"error\":\"model administration is not enabled on this pipeline\"}");
            return false;
        }
        return true;
    }

    private void health(ChannelHandlerContext ctx, FullHttpRequest req) {
        switch (server.state().phase()) {
            case SERVING:
                HttpResponses.send(ctx, req, HttpResponseStatus.OK, HttpResponses.JSON, "{\"status\":\"UP\"}");
                return;
            case STARTING:
                HttpResponses.send(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, HttpResponses.JSON,
                        "{\"status\":\"STARTING\"}");
                return;
            default:
                HttpResponses.send(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, HttpResponses.JSON,
                        "{\"status\":\"DRAINING\"}", true);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!server.state().serving()) {
            HttpResponses.send(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, HttpResponses.TEXT,
                    "server is not serving\n", true);
            return;
        }
        if (ctx.channel().attr(WS_SLOT).get() == null) {
            if (!server.metrics().tryOpenWebSocket(server.config().maxConnections())) {
                HttpResponses.send(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, HttpResponses.TEXT,
                        "connection limit of " + server.config().maxConnections() + " reached\n", true);
                return;
            }
            ctx.channel().attr(WS_SLOT).set(Boolean.TRUE);
            ctx.channel().closeFuture().addListener(f -> server.metrics().webSocketClosed());
        }
        ctx.fireChannelRead(req.retain());
    }

    private String modelJson() {
        return ModelInfoJson.of(server.models().loaded());
    }
}
