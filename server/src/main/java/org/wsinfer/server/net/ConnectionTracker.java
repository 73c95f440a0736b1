package org.wsinfer.server.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts open TCP connections and registers each channel in the server's channel group (closed on shutdown). */
@ChannelHandler.Sharable
public final class ConnectionTracker extends ChannelInboundHandlerAdapter {
    private final ServerContext server;

    /** A tracker for {@code server}. */
    public ConnectionTracker(ServerContext server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        server.metrics().connectionOpened();
        server.channels().add(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.metrics().connectionClosed();
        ctx.fireChannelInactive();
    }
}
