package org.wsinfer.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A small Netty WebSocket test client: send frames, take what arrives (answers, close codes) in order. */
public final class TestWsClient implements AutoCloseable {
    /** One message received: a binary frame's bytes, a text frame's string, or a close frame's status code. */
    public record Received(byte[] binary, String text, int closeCode) {
        /** Whether this is a close frame. */
        public boolean isClose() {
            return binary == null && text == null;
        }

        /** Decodes the answer in this binary or text frame. */
        public Answer answer() {
            if (binary != null) {
                return BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(binary));
            }
            if (text != null) {
                return JsonCodec.decodeAnswer(text);
            }
            throw new IllegalStateException("close frame " + closeCode + " is not an answer");
        }
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final BlockingQueue<Received> received;
    private final CompletableFuture<Void> closed;
    private final java.util.concurrent.atomic.AtomicBoolean closedByUs = new java.util.concurrent.atomic.AtomicBoolean();

    private TestWsClient(EventLoopGroup group, Channel channel, Collector collector) {
        this.group = group;
        this.channel = channel;
        this.received = collector.received;
        this.closed = collector.closed;
    }

    /** Connects and completes the handshake; a refused handshake throws (cause: WebSocketClientHandshakeException). */
    public static TestWsClient connect(URI uri) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Collector collector = new Collector();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(64 << 20)
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(5_000)
                .build();
        try {
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    new WebSocketClientProtocolHandler(config), collector);
                        }
                    })
                    .connect(uri.getHost(), uri.getPort()).sync().channel();
            collector.handshake.get(10, TimeUnit.SECONDS);
            return new TestWsClient(group, ch, collector);
        } catch (ExecutionException | InterruptedException | TimeoutException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
    }

    /** Sends a binary PREDICT frame for {@code r}. */
    public void sendBinary(PredictRequest r) {
        send(new BinaryWebSocketFrame(BinaryCodec.encodeRequest(channel.alloc(), r)));
    }

    /** Sends a text JSON request for {@code r}. */
    public void sendText(PredictRequest r) {
        send(new TextWebSocketFrame(JsonCodec.encodeRequest(r)));
    }

    /** Sends raw bytes as one binary frame. */
    public void sendBinary(byte[] payload) {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    }

    /** Sends a raw string as one text frame. */
    public void sendText(String payload) {
        send(new TextWebSocketFrame(payload));
    }

    /** Writes and flushes {@code frame} (waits until it is written). */
    public void send(WebSocketFrame frame) {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    /** Writes {@code frame} without flushing or waiting (for pipelining); follow with {@link #flush()}. */
    public void write(WebSocketFrame frame) {
        channel.write(frame, channel.voidPromise());
    }

    /** Flushes written frames. */
    public void flush() {
        channel.flush();
    }

    /** The next message, waiting at most {@code timeoutMs}; fails the test on timeout. */
    public Received next(long timeoutMs) throws InterruptedException {
        Received r = received.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("nothing received within " + timeoutMs + " ms");
        }
        return r;
    }

    /** The next answer (binary or text), waiting at most 10 s. */
    public Answer nextAnswer() throws InterruptedException {
        Received r = next(10_000);
        if (r.isClose()) {
            throw new AssertionError("expected an answer, got close " + r.closeCode());
        }
        return r.answer();
    }

    /** The next message must be a close frame: its status code. */
    public int awaitCloseCode(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            Received r = next(Math.max(1, left));
            if (r.isClose()) {
                return r.closeCode();
            }
        }
    }

    /** Waits until the TCP connection is closed; false on timeout. */
    public boolean awaitClosed(long timeoutMs) {
        try {
            closed.get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether the TCP connection is open. */
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        if (!closedByUs.compareAndSet(false, true)) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Collects frames into a queue and tracks the handshake and the connection's end. */
    private static final class Collector extends SimpleChannelInboundHandler<WebSocketFrame> {
        final CompletableFuture<Void> handshake = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.complete(null);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                handshake.completeExceptionally(new TimeoutException("handshake timed out"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof BinaryWebSocketFrame) {
                received.add(new Received(ByteBufUtil.getBytes(frame.content()), null, 0));
            } else if (frame instanceof TextWebSocketFrame) {
                ByteBuf c = frame.content();
                received.add(new Received(null, c.toString(StandardCharsets.UTF_8), 0));
            } else if (frame instanceof CloseWebSocketFrame close) {
                received.add(new Received(null, null, close.statusCode()));
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "bye"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshake.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            handshake.completeExceptionally(new IllegalStateException("connection closed"));
            closed.complete(null);
            super.channelInactive(ctx);
        }
    }
}
