package org.wsinfer.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.DateFormatter;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/** Writes complete HTTP responses with content length, a Date header and keep-alive handling. */
public final class HttpResponses {
    /** Content type of JSON bodies. */
    public static final String JSON = "application/json; charset=utf-8";
    /** Content type of plain text bodies. */
    public static final String TEXT = "text/plain; charset=utf-8";
    /** Content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private HttpResponses() {
    }

    /** Sends {@code body} with {@code status}; closes the connection unless the request asked for keep-alive. */
    public static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                            String contentType, String body) {
        send(ctx, req, status, contentType, body, false);
    }

    /** Like {@link #send(ChannelHandlerContext, FullHttpRequest, HttpResponseStatus, String, String)}, optionally always closing. */
    public static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                            String contentType, String body, boolean close) {
        send(ctx, req, status, contentType, body, close, "GET");
    }

    /** Like the six-argument send; a 405 names {@code allow} (e.g. {@code POST}) in its {@code Allow} header. */
    public static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                            String contentType, String body, boolean close, String allow) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        // the driver's clock check reads Date (RFC 1123, 1 s resolution) to estimate each injector's offset
        res.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        boolean keepAlive = !close && HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            if (!req.protocolVersion().isKeepAliveDefault()) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            res.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        if (keepAlive) {
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
