package org.wsinfer.loadtest.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.record.WireBytes;
import org.wsinfer.protocol.Framing;

/** Turns an {@link OutboundRequest} into a binary or text WebSocket frame and stamps its actual send time. */
public final class RequestEncoder extends MessageToMessageEncoder<OutboundRequest> {
    private final NanoClock clock;

    /** An encoder stamping send times with {@code clock}. */
    public RequestEncoder(NanoClock clock) {
        super(OutboundRequest.class);
        this.clock = clock;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OutboundRequest msg, List<Object> out) {
        int payloadBytes = msg.template().payloadBytes(msg.id());
        ByteBuf buf = ctx.alloc().buffer(payloadBytes);
        try {
            msg.template().write(msg.id(), buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        out.add(msg.template().framing() == Framing.BINARY ? new BinaryWebSocketFrame(buf) : new TextWebSocketFrame(buf));
        msg.onEncoded(clock.nanoTime(), payloadBytes, (int) WireBytes.frameBytes(payloadBytes, true));
    }
}
