package org.wsinfer.server.security;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** Writes a refusal (400, 401, 403, 503) as a small plain-text HTTP response and closes the connection after it. */
public final class RefusalResponses {
    private RefusalResponses() {
    }

    /** Sends {@code status} with {@code reason} as the body and {@code challenge} (if any) as WWW-Authenticate. */
    public static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String reason, String challenge) {
        ByteBuf body = Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (challenge != null) {
            res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        }
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
}
