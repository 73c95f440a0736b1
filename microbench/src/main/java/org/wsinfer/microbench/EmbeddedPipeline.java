package org.wsinfer.microbench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.ServerState;
import org.wsinfer.server.inference.BatchPolicy;
import org.wsinfer.server.inference.BatchRunner;
import org.wsinfer.server.inference.Batcher;
import org.wsinfer.server.inference.InferenceJob;
import org.wsinfer.server.inference.InferenceQueue;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.metrics.ServerMetrics;
import org.wsinfer.server.model.Model;
import org.wsinfer.server.net.ServerContext;
import org.wsinfer.server.net.ServerInitializer;
import org.wsinfer.server.ws.PredictionHandler;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's per-connection handler chain (the handlers {@link ServerInitializer} adds, in its order) in an
 * {@link EmbeddedChannel} after a real WebSocket handshake, driven synchronously on the calling thread: a masked
 * client frame goes in as bytes, {@link PredictionHandler} decodes and queues the job, the inference step is the
 * server's own {@link BatchRunner} on the served model (what an inference thread of the {@link Batcher} runs), the
 * answers are handed back through {@link PredictionHandler#deliver} and written by the channel's pending task, and the
 * encoded server frame comes out as bytes.
 *
 * <p>Left out, on purpose: the hand-over between threads (queue offer/poll, the event-loop wake-up) and the socket,
 * because an {@link EmbeddedChannel}'s event loop is not thread-safe; the load test measures those. Not thread-safe.
 */
public final class EmbeddedPipeline implements AutoCloseable {
    private final ServerConfig config;
    private final ServerMetrics metrics;
    private final ModelHolder models;
    private final InferenceQueue queue;
    private final BatchRunner runner;
    private final EmbeddedChannel channel;

    /** Builds the server context around {@code model} (batcher not started) and shakes hands on {@code /ws}. */
    public EmbeddedPipeline(Model model) {
        this.config = ServerConfig.builder().port(0).inferenceThreads(1).build();
        ServerState state = new ServerState();
        this.models = new ModelHolder(model, Clock.systemUTC());
        this.queue = new InferenceQueue(config.queueCapacity(), config.maxQueuedElements());
        this.metrics = new ServerMetrics(queue::size);
        BatchPolicy policy = new BatchPolicy(config.maxBatchRows(),
                TimeUnit.MICROSECONDS.toNanos(config.maxQueueDelayUs()));
        Batcher batcher = new Batcher(queue, models, policy, 1, System::nanoTime, metrics); // never started
        ChannelGroup channels = new DefaultChannelGroup("bench-connections", GlobalEventExecutor.INSTANCE);
        ChannelGroup webSockets = new DefaultChannelGroup("bench-websockets", GlobalEventExecutor.INSTANCE);
        ServerContext server = new ServerContext(config, state, models, batcher, metrics, channels, webSockets,
                System::nanoTime);
        this.runner = new BatchRunner(System::nanoTime, metrics);
        this.channel = new EmbeddedChannel();
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        new ServerInitializer(server).addHandlers(channel); // the server's own handler chain
        state.set(ServerState.Phase.SERVING);
        handshake();
    }

    private void handshake() {
        String request = "GET /ws HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        channel.writeInbound(channel.alloc().buffer().writeBytes(request.getBytes(StandardCharsets.US_ASCII)));
        channel.runPendingTasks();
        StringBuilder response = new StringBuilder();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            response.append(out.toString(StandardCharsets.US_ASCII));
            out.release();
        }
        if (!response.toString().startsWith("HTTP/1.1 101")) {
            throw new IllegalStateException("WebSocket handshake failed: " + response);
        }
    }

    /** The channel's allocator (pooled, as the server's child channels use). */
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** The wire bytes of a masked client frame carrying {@code request} in {@code framing}; the caller owns them. */
    public static ByteBuf clientFrame(ByteBufAllocator alloc, PredictRequest request, Framing framing) {
        ByteBuf payload = alloc.buffer();
        WebSocketFrame frame;
        if (framing == Framing.BINARY) {
            BinaryCodec.writeRequest(request, payload);
            frame = new BinaryWebSocketFrame(payload);
        } else {
            JsonCodec.writeRequest(request, payload);
            frame = new TextWebSocketFrame(payload);
        }
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        client.config().setAllocator(alloc);
        client.writeOutbound(frame);
        CompositeByteBuf wire = alloc.compositeBuffer();
        for (ByteBuf b = client.readOutbound(); b != null; b = client.readOutbound()) {
            wire.addComponent(true, b);
        }
        client.finishAndReleaseAll();
        ByteBuf flat = alloc.buffer(wire.readableBytes()).writeBytes(wire);
        wire.release();
        return flat;
    }

    /**
     * One request through the chain: {@code clientFrame} (not consumed: a retained duplicate goes in) is decoded,
     * inferred and answered; returns the server's answer frame as wire bytes, which the caller must release.
     *
     * @throws IllegalStateException if the handler did not queue the request (it then answered an error at once)
     */
    public ByteBuf exchange(ByteBuf clientFrame) {
        InferenceJob job = decodeAndInfer(clientFrame);
        ByteBuf answer = readAll();
        if (answer == null) {
            throw new IllegalStateException("no answer was written for request " + job.request().id());
        }
        return answer;
    }

    /** As {@link #exchange}, but releases the answer's buffers as they come out; returns their size in bytes. */
    public int exchangeAndRelease(ByteBuf clientFrame) {
        InferenceJob job = decodeAndInfer(clientFrame);
        int bytes = 0;
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            bytes += out.readableBytes();
            out.release();
        }
        if (bytes == 0) {
            throw new IllegalStateException("no answer was written for request " + job.request().id());
        }
        return bytes;
    }

    private InferenceJob decodeAndInfer(ByteBuf clientFrame) {
        channel.writeInbound(clientFrame.retainedDuplicate());
        InferenceJob job = queue.poll();
        if (job == null) {
            ByteBuf error = readAll();
            String shown = error == null ? "nothing" : error.readableBytes() + " bytes";
            if (error != null) {
                error.release();
            }
            throw new IllegalStateException("the request was not queued for inference; the server wrote " + shown);
        }
        List<InferenceJob> batch = List.of(job);
        runner.run(models.model(), batch);
        job.sink().deliver(batch);
        channel.runPendingTasks();
        return job;
    }

    /** Everything written since the last read, as one buffer ({@code null} when nothing was written). */
    private ByteBuf readAll() {
        ByteBuf first = channel.readOutbound();
        if (first == null) {
            return null;
        }
        ByteBuf next = channel.readOutbound();
        if (next == null) {
            return first;
        }
        CompositeByteBuf all = channel.alloc().compositeBuffer();
        all.addComponent(true, first);
        for (; next != null; next = channel.readOutbound()) {
            all.addComponent(true, next);
        }
        return all;
    }

    /** Decodes the server's answer frame {@code wire} (not released) the way a client would. */
    public static Answer decodeAnswer(ByteBuf wire) {
        EmbeddedChannel client = new EmbeddedChannel(
                new WebSocket13FrameDecoder(false, false, ServerConfig.DEFAULT_MAX_FRAME_PAYLOAD_BYTES));
        try {
            client.writeInbound(wire.retainedDuplicate());
            WebSocketFrame frame = client.readInbound();
            if (frame == null) {
                throw new IllegalStateException("no complete WebSocket frame in " + wire.readableBytes() + " bytes");
            }
            try {
                if (frame instanceof BinaryWebSocketFrame) {
                    return BinaryCodec.decodeAnswer(frame.content());
                }
                if (frame instanceof TextWebSocketFrame) {
                    return JsonCodec.decodeAnswer(frame.content());
                }
                throw new IllegalStateException("unexpected frame " + frame);
            } finally {
                frame.release();
            }
        } finally {
            client.finishAndReleaseAll();
        }
    }

    /** Whether the WebSocket is still open (the handler closes it on a protocol error). */
    public boolean open() {
        return channel.isActive();
    }

    /** Closes the channel and the meters. */
    @Override
    public void close() {
        channel.finishAndReleaseAll();
        metrics.close();
    }
}
