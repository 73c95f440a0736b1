package org.wsinfer.loadtest.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Completes the handshake promise, reports the connection's closing, and closes it on an unexpected exception. */
public final class ConnectionStateHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStateHandler.class);

    private final WsConnection connection;
    private final ConnectionListener listener;
    private final Promise<WsConnection> handshake;

    /** A handler for one connection; {@code handshake} completes when the WebSocket is open. */
    public ConnectionStateHandler(WsConnection connection, ConnectionListener listener, Promise<WsConnection> handshake) {
        this.connection = connection;
        this.listener = listener;
        this.handshake = handshake;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            connection.handshaking(false);
            handshake.trySuccess(connection);
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            handshake.tryFailure(new java.io.IOException("WebSocket handshake timed out"));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handshake.tryFailure(new java.io.IOException("connection closed during the WebSocket handshake"));
        listener.onClosed(connection);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!handshake.tryFailure(cause)) {
            LOG.warn("connection {} failed: {}", connection.index(), cause.toString());
        }
        ctx.close();
    }
}
