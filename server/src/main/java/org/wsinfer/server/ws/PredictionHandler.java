package org.wsinfer.server.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Protocol;
import org.wsinfer.protocol.ProtocolException;
import org.wsinfer.server.inference.AnswerSink;
import org.wsinfer.server.inference.InferenceJob;
import org.wsinfer.server.net.ServerContext;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;

/**
 * Decodes each binary or text frame into a request, checks it against the model and the limits, queues it for the
 * batcher, and writes every answer (errors at once, predictions when the batcher hands them back) on this channel's
 * event loop: writes in {@code channelRead0} and in the hand-over task, one flush per read batch or per answer batch.
 * Exactly one answer per frame; the frame is released by {@link SimpleChannelInboundHandler}.
 */
public final class PredictionHandler extends SimpleChannelInboundHandler<WebSocketFrame> implements AnswerSink {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionHandler.class);

    private final ServerContext server;
    private final int maxElements;
    private final int maxInFlight;
    private ChannelHandlerContext ctx;
    /** Accepted requests of this connection not yet answered; touched on the event loop only. */
    private int inFlight;

    /** A handler for one connection of {@code server}. */
    public PredictionHandler(ServerContext server) {
        this.server = server;
        this.maxElements = server.config().maxElements();
        this.maxInFlight = server.config().maxInFlightPerConnection();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            // from now on the shutdown sends this channel a close frame
            server.webSockets().add(ctx.channel());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        Framing framing;
        PredictRequest request;
        try {
            if (frame instanceof BinaryWebSocketFrame) {
                framing = Framing.BINARY;
                request = BinaryCodec.decodeRequest(frame.content(), maxElements);
            } else if (frame instanceof TextWebSocketFrame) {
                framing = Framing.TEXT;
                request = JsonCodec.decodeRequest(frame.content(), maxElements);
            } else {
                // ping, pong and close are the protocol handler's; continuations are aggregated before us
                LOG.debug("ignoring unexpected frame {}", frame);
                return;
            }
        } catch (ProtocolException e) {
            writeError(ctx, frameFraming(frame), e.toAnswer());
            return;
        } catch (RuntimeException e) {
            LOG.warn("decoder failed on a {} frame: {}", frame.getClass().getSimpleName(), e.toString());
            writeError(ctx, frameFraming(frame), new ErrorAnswer(Protocol.UNKNOWN_ID, ErrorCode.INTERNAL,
                    "could not decode the frame"));
            return;
        }
        long decodedAtNs = server.nanoClock().getAsLong();
        accept(ctx, request, framing, decodedAtNs);
    }

    private void accept(ChannelHandlerContext ctx, PredictRequest request, Framing framing, long decodedAtNs) {
        if (!server.state().serving()) {
            writeError(ctx, framing, new ErrorAnswer(request.id(), ErrorCode.UNAVAILABLE, "server is draining"));
            return;
        }
        int inputDim = server.models().model().inputDim();
        if (request.cols() != inputDim) {
            writeError(ctx, framing, new ErrorAnswer(request.id(), ErrorCode.SHAPE_MISMATCH, String.format(Locale.US,
                    "cols %d != model input_dim %d", request.cols(), inputDim)));
            return;
        }
        if (inFlight >= maxInFlight) {
            writeError(ctx, framing, new ErrorAnswer(request.id(), ErrorCode.OVERLOADED, String.format(Locale.US,
                    "%d requests already in flight on this connection (limit %d)", inFlight, maxInFlight)));
            return;
        }
        InferenceJob job = new InferenceJob(request, framing, decodedAtNs, this);
        inFlight++;
        server.metrics().accepted();
        if (!server.batcher().submit(job)) {
            inFlight--;
            server.metrics().finished();
            if (!server.state().serving()) {
                writeError(ctx, framing, new ErrorAnswer(request.id(), ErrorCode.UNAVAILABLE, "server is draining"));
            } else {
                writeError(ctx, framing, new ErrorAnswer(request.id(), ErrorCode.OVERLOADED,
                        "inference queue is full"));
            }
        }
    }

    private static Framing frameFraming(WebSocketFrame frame) {
        return frame instanceof TextWebSocketFrame ? Framing.TEXT : Framing.BINARY;
    }

    private void writeError(ChannelHandlerContext ctx, Framing framing, ErrorAnswer error) {
        write(ctx, framing, error);
    }

    private void write(ChannelHandlerContext ctx, Framing framing, Answer answer) {
        ctx.write(AnswerFrames.encode(ctx.alloc(), answer, framing), ctx.voidPromise());
        server.metrics().answered(framing, answer);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    /** Called by an inference thread: hands the batch's answers for this connection to its event loop. */
    @Override
    public void deliver(List<InferenceJob> finished) {
        ChannelHandlerContext c = ctx;
        try {
            c.executor().execute(() -> writeAnswers(finished));
        } catch (RejectedExecutionException e) {
            // the event loop is gone (server stopped): the connection is closed, nobody can be answered
            for (int i = 0; i < finished.size(); i++) {
                server.metrics().finished();
            }
        }
    }

    private void writeAnswers(List<InferenceJob> finished) {
        boolean open = ctx.channel().isActive();
        for (int i = 0; i < finished.size(); i++) {   // indexed: no iterator per hand-over
            InferenceJob job = finished.get(i);
            inFlight--;
            server.metrics().finished();
            if (open) {
                try {
                    write(ctx, job.framing(), job.answer());
                } catch (RuntimeException e) {
                    LOG.warn("could not encode an answer to request {}: {}", job.request().id(), e.toString());
                    write(ctx, job.framing(), new ErrorAnswer(job.request().id(), ErrorCode.INTERNAL,
                            "could not encode the answer"));
                }
            }
        }
        if (open) {
            ctx.flush();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // a fragmented message over the payload limit (a single oversized frame is closed by the decoder)
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, cause.getMessage()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (cause instanceof CorruptedFrameException || cause instanceof IOException
                || cause instanceof PrematureChannelClosureException) {
            // the client's fault or gone (also: gone in the middle of a fragmented message): Netty has sent the
            // close frame where one applies
            LOG.debug("closing {}: {}", ctx.channel(), cause.toString());
            ctx.close();
        } else {
            LOG.warn("closing {} after an unexpected error", ctx.channel(), cause);
            ctx.close();
        }
    }
}
