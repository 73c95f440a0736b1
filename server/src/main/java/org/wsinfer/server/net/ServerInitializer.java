package org.wsinfer.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import org.wsinfer.server.http.HttpRoutesHandler;
import org.wsinfer.server.security.AddressLimitHandler;
import org.wsinfer.server.security.HandshakeGuard;
import org.wsinfer.server.security.ServerSecurity;
import org.wsinfer.server.security.TlsErrorHandler;
import org.wsinfer.server.swap.ModelAdminRoutes;
import org.wsinfer.server.ws.BackpressureHandler;
import org.wsinfer.server.ws.IdleCloseHandler;
import org.wsinfer.server.ws.PredictionHandler;

import java.util.concurrent.TimeUnit;

/** The pipeline of one connection, as in Netty's websocketx server example: only {@code addLast} calls. */
public final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    /** Largest HTTP request (the handshake and the HTTP endpoints have no body to speak of). */
    public static final int MAX_HTTP_CONTENT_BYTES = 64 * 1024;

    private final ServerContext server;
    private final ConnectionTracker tracker;
    private final HttpRoutesHandler routes;
    private final WebSocketServerProtocolConfig webSocketConfig;
    private final SslContext sslContext;
    private final AddressLimitHandler addressLimit;
    private final HandshakeGuard guard;

    /** The initializer of {@code server}'s connections (without the model admin endpoints). */
    public ServerInitializer(ServerContext server) {
        this(server, null);
    }

    /** The initializer of {@code server}'s connections; {@code admin} serves the model reload and rollback. */
    public ServerInitializer(ServerContext server, ModelAdminRoutes admin) {
        this(server, admin, ServerSecurity.withoutTls(server.config()));
    }

    /** Like {@link #ServerInitializer(ServerContext, ModelAdminRoutes)} with {@code security} (TLS when it has a context). */
    public ServerInitializer(ServerContext server, ModelAdminRoutes admin, ServerSecurity security) {
        this.server = server;
        this.sslContext = security.sslContext();
        this.addressLimit = new AddressLimitHandler(security.limiter());
        this.guard = new HandshakeGuard(security.policy());
        this.tracker = new ConnectionTracker(server);
        this.routes = new HttpRoutesHandler(server, admin);
        this.webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(HttpRoutesHandler.WEBSOCKET_PATH)
                .maxFramePayloadLength(server.config().maxFramePayloadBytes())
                .allowExtensions(false)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .checkStartsWith(false)
                .handshakeTimeoutMillis(10_000)
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        addHandlers(ch);
    }

    /** Adds the server's handlers to {@code ch}: a socket's, or an {@code EmbeddedChannel} in benchmarks and tests. */
    public void addHandlers(Channel ch) {
        ch.pipeline().addLast("connections", tracker);
        if (sslContext != null) {
            ch.pipeline().addLast("tls", sslContext.newHandler(ch.alloc()));
            ch.pipeline().addLast("tls-errors", TlsErrorHandler.INSTANCE);
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, server.config().idleTimeoutMs(), TimeUnit.MILLISECONDS))
                .addLast("http-codec", new HttpServerCodec())
                .addLast("address-limit", addressLimit)
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_CONTENT_BYTES))
                .addLast("access", guard)
                .addLast("http-routes", routes)
                .addLast("websocket", new WebSocketServerProtocolHandler(webSocketConfig))
                .addLast("websocket-aggregator", new WebSocketFrameAggregator(server.config().maxFramePayloadBytes()))
                .addLast("backpressure", BackpressureHandler.INSTANCE)
                .addLast("idle-close", new IdleCloseHandler())
                .addLast("prediction", new PredictionHandler(server));
    }
}
