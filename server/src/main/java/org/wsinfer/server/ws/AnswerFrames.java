package org.wsinfer.server.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.protocol.Protocol;

/** Encodes an answer straight into a pooled buffer of the channel's allocator, as a frame of the request's framing. */
public final class AnswerFrames {
    private AnswerFrames() {
    }

    /** A binary or text frame holding {@code answer}; the caller owns (writes or releases) it. */
    public static WebSocketFrame encode(ByteBufAllocator alloc, Answer answer, Framing framing) {
        ByteBuf buf = alloc.buffer(initialBytes(answer, framing));
        try {
            if (framing == Framing.BINARY) {
                if (answer instanceof Prediction p) {
                    BinaryCodec.writePrediction(p, buf);
                } else {
                    BinaryCodec.writeError((ErrorAnswer) answer, buf);
                }
                return new BinaryWebSocketFrame(buf);
            }
            if (answer instanceof Prediction p) {
                JsonCodec.writePrediction(p, buf);
            } else {
                JsonCodec.writeError((ErrorAnswer) answer, buf);
            }
            return new TextWebSocketFrame(buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private static int initialBytes(Answer answer, Framing framing) {
        if (answer instanceof Prediction p) {
            long values = (long) p.rows() * p.cols();
            long bytes = framing == Framing.BINARY ? Protocol.predictionBytes(p.rows(), p.cols()) : 96 + 16 * values;
            return (int) Math.min(bytes, Integer.MAX_VALUE - 64);
        }
        ErrorAnswer e = (ErrorAnswer) answer;
        return Protocol.ERROR_HEADER_BYTES + 64 + e.message().length() * 3;
    }
}
