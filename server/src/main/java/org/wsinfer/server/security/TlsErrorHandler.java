package org.wsinfer.server.security;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;

/**
 * Right after the {@code SslHandler}: a client that speaks plain HTTP to the TLS port, fails the handshake or sends
 * a bad record is the client's fault, so it is closed with a debug line instead of a logged stack trace.
 */
@ChannelHandler.Sharable
public final class TlsErrorHandler extends ChannelInboundHandlerAdapter {
    /** The one instance. */
    public static final TlsErrorHandler INSTANCE = new TlsErrorHandler();

    private static final Logger LOG = LoggerFactory.getLogger(TlsErrorHandler.class);

    private TlsErrorHandler() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), done.cause().toString());
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof SSLException || c instanceof NotSslRecordException) {
            LOG.debug("closing {} after a TLS error: {}", ctx.channel(), c.toString());
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
