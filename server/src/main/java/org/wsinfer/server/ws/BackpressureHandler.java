package org.wsinfer.server.ws;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading a connection while its outbound buffer is above the high water mark and resumes when it drains
 * below the low one, so a client that sends without reading cannot grow the server's memory.
 */
@ChannelHandler.Sharable
public final class BackpressureHandler extends ChannelInboundHandlerAdapter {
    /** The one instance. */
    public static final BackpressureHandler INSTANCE = new BackpressureHandler();

    private BackpressureHandler() {
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        // turning auto-read back on issues a read by itself
        ctx.channel().config().setAutoRead(writable);
        ctx.fireChannelWritabilityChanged();
    }
}
