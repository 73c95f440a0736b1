package org.wsinfer.server.security;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Enforces {@code --max-connections-per-address} when a connection becomes active: beyond the limit it answers
 * HTTP 503 at once (after the TLS handshake on {@code wss://}), drops whatever the client sends and closes. Sits
 * after the HTTP codec so that the refusal is a real HTTP response.
 */
@ChannelHandler.Sharable
public final class AddressLimitHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AddressLimitHandler.class);
    private static final AttributeKey<InetAddress> SLOT = AttributeKey.valueOf("wsinfer.addressSlot");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("wsinfer.addressRefused");

    private final AddressConnectionLimiter limiter;

    /** A handler enforcing {@code limiter}. */
    public AddressLimitHandler(AddressConnectionLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = addressOf(ctx.channel().remoteAddress());
        if (address == null || limiter.tryAcquire(address)) {
            if (address != null) {
                ctx.channel().attr(SLOT).set(address);
            }
        } else {
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            LOG.debug("refused {}: {} connections from {} already open", ctx.channel(), limiter.maxPerAddress(),
                    address.getHostAddress());
            RefusalResponses.send(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "connection limit of "
                    + limiter.maxPerAddress() + " per address reached", null);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().hasAttr(REFUSED)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        InetAddress address = ctx.channel().attr(SLOT).getAndSet(null);
        if (address != null) {
            limiter.release(address);
        }
        ctx.fireChannelInactive();
    }

    private static InetAddress addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
