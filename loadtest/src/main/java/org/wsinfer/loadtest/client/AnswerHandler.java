package org.wsinfer.loadtest.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.record.WireBytes;

/** Decodes answer frames as they arrive, stamps their receive time and hands them to the run. */
public final class AnswerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final WsConnection connection;
    private final ConnectionListener listener;
    private final AnswerDecoder decoder;
    private final NanoClock clock;
    private final DecodedAnswer answer = new DecodedAnswer();

    /** A handler for one connection. */
    public AnswerHandler(WsConnection connection, ConnectionListener listener, AnswerDecoder decoder, NanoClock clock) {
        this.connection = connection;
        this.listener = listener;
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        long receivedNs = clock.nanoTime();
        int payloadBytes = frame.content().readableBytes();
        boolean decoded;
        if (frame instanceof BinaryWebSocketFrame) {
            decoded = decoder.decodeBinary(frame.content(), answer);
        } else if (frame instanceof TextWebSocketFrame) {
            decoded = decoder.decodeText(frame.content(), answer);
        } else {
            return; // ping, pong and close frames are handled by the protocol handler
        }
        if (decoded) {
            listener.onAnswer(connection, answer, receivedNs, payloadBytes,
                    (int) WireBytes.frameBytes(payloadBytes, false));
        } else {
            listener.onMalformed(connection, answer.errorMessage);
        }
    }
}
