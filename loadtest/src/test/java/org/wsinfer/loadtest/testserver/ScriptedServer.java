package org.wsinfer.loadtest.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small WebSocket server for the driver's tests, speaking protocol v1 (answers are zeros, one output per row) with
 * scripted misbehaviour: a one-off stall, answers swapped in pairs, dropped ids, a connection closed mid-run.
 * Serves {@code GET /v1/model} and {@code GET /health} (with a Date header), and {@code GET /metrics} (a fake
 * Prometheus text whose CPU counter grows by {@link #cpuUsPerAnswer} per answer; 404 while that is 0). Loopback only.
 */
public final class ScriptedServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final int inputDim;

    /** After this many requests the server holds every answer for {@link #stallMs} (once); 0 = never. */
    public volatile long stallAfterRequests;
    /** How long the stall lasts. */
    public volatile long stallMs;
    /** Ids divisible by this are never answered; 0 = answer all. */
    public volatile long dropEvery;
    /** Swap answers in pairs (the second request's answer first). */
    public volatile boolean swapPairs;
    /** Close a connection when the server has received this many requests in total; 0 = never. */
    public volatile long closeAfterRequests;

    /** Fake server CPU time per answer written, in us, shown by GET /metrics; 0 = no /metrics (404). */
    public volatile double cpuUsPerAnswer;

    /** Answers written. */
    public final AtomicLong answered = new AtomicLong();
    /** Requests received. */
    public final AtomicLong received = new AtomicLong();
    /** Answers written with an id lower than the previous answer's on the same connection. */
    public final AtomicLong outOfOrderAnswers = new AtomicLong();
    /** Connections closed by the script. */
    public final AtomicInteger closedByScript = new AtomicInteger();

    private volatile long stallUntilNs;
    private volatile boolean stalling;
    private final AtomicLong stallsStarted = new AtomicLong();

    /** Starts on a free loopback port, with a model of {@code inputDim} features. */
    public ScriptedServer(int inputDim) throws InterruptedException {
        this.inputDim = inputDim;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(1 << 20));
                        ch.pipeline().addLast(new Http());
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler("/ws", null, false, 1 << 24));
                        ch.pipeline().addLast(new Predictions());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** The WebSocket URL. */
    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/ws");
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** GET /v1/model and /health; everything else goes on to the WebSocket handler. */
    private final class Http extends SimpleChannelInboundHandler<FullHttpRequest> {
        Http() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = req.uri();
            if (path.equals("/metrics")) {
                req.release();
                metrics(ctx);
                return;
            }
            if (!path.equals("/v1/model") && !path.equals("/health")) {
                ctx.fireChannelRead(req);
                return;
            }
            req.release();
            String body = path.equals("/health") ? "{\"status\":\"ok\"}"
                    : "{\"name\":\"scripted\",\"version\":3,\"input_dim\":" + inputDim + ",\"output_dim\":1}";
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            r.headers().set(HttpHeaderNames.DATE,
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
            ctx.writeAndFlush(r);
        }
    }

    /** The fake Prometheus text: CPU = answers x {@link #cpuUsPerAnswer}; answers split over two series. */
    private void metrics(ChannelHandlerContext ctx) {
        double perAnswerUs = cpuUsPerAnswer;
        long n = answered.get();
        String body = perAnswerUs <= 0 ? "not found\n" : String.format(java.util.Locale.US,
                "# HELP wsinfer_process_cpu_seconds_total CPU time used by the server process\n"
                        + "# TYPE wsinfer_process_cpu_seconds_total counter\n"
                        + "wsinfer_process_cpu_seconds_total %.9f\n"
                        + "# TYPE wsinfer_requests_total counter\n"
                        + "wsinfer_requests_total{framing=\"binary\",outcome=\"ok\",} %d.0\n"
                        + "wsinfer_requests_total{framing=\"text\",outcome=\"ok\",} %d.0\n"
                        + "process_cpu_time_ns_total 1.0E12\n",
                n * perAnswerUs / 1e6, n - n / 2, n / 2);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                perAnswerUs <= 0 ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        ctx.writeAndFlush(r);
    }

    /** Answers PREDICT frames per the script. */
    private final class Predictions extends SimpleChannelInboundHandler<WebSocketFrame> {
        private Object held;
        private long lastAnswerId = -1;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
            long n = received.incrementAndGet();
            long id;
            int rows;
            boolean binary = frame instanceof BinaryWebSocketFrame;
            if (binary) {
                ByteBuf b = frame.content();
                rows = b.getUnsignedShortLE(b.readerIndex() + 2);
                id = b.getLongLE(b.readerIndex() + 8);
            } else if (frame instanceof TextWebSocketFrame) {
                JsonNode node = JSON.readTree(((TextWebSocketFrame) frame).text());
                id = node.get("id").asLong();
                rows = node.get("inputs").size();
            } else {
                return;
            }
            if (closeAfterRequests > 0 && n == closeAfterRequests) {
                closedByScript.incrementAndGet();
                ctx.close();
                return;
            }
            if (stallAfterRequests > 0 && n == stallAfterRequests && stallsStarted.getAndIncrement() == 0) {
                stallUntilNs = System.nanoTime() + stallMs * 1_000_000L;
                stalling = true;
            }
            if (dropEvery > 0 && id % dropEvery == 0) {
                return;
            }
            Object answer = binary ? binaryAnswer(id, rows) : textAnswer(id, rows);
            long delayNs = stalling ? stallUntilNs - System.nanoTime() : 0;
            if (delayNs > 0) {
                ctx.executor().schedule(() -> write(ctx, answer, id), delayNs, TimeUnit.NANOSECONDS);
                return;
            }
            if (swapPairs) {
                if (held == null) {
                    held = answer;
                    Object mine = answer;
                    ctx.executor().schedule(() -> {
                        if (held == mine) {
                            held = null;
                            write(ctx, mine, idOf(mine));
                        }
                    }, 20, TimeUnit.MILLISECONDS);
                    return;
                }
                Object first = held;
                held = null;
                write(ctx, answer, id);
                write(ctx, first, idOf(first));
                return;
            }
            write(ctx, answer, id);
        }

        private void write(ChannelHandlerContext ctx, Object answer, long id) {
            if (id < lastAnswerId) {
                outOfOrderAnswers.incrementAndGet();
            }
            lastAnswerId = id;
            answered.incrementAndGet();
            ctx.writeAndFlush(answer);
        }

        private long idOf(Object answer) {
            if (answer instanceof BinaryWebSocketFrame) {
                ByteBuf b = ((BinaryWebSocketFrame) answer).content();
                return b.getLongLE(b.readerIndex() + 8);
            }
            try {
                return JSON.readTree(((TextWebSocketFrame) answer).text()).get("id").asLong();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static BinaryWebSocketFrame binaryAnswer(long id, int rows) {
        ByteBuf b = Unpooled.buffer(32 + 4 * rows);
        b.writeByte(1).writeByte(2).writeShortLE(rows).writeIntLE(1).writeLongLE(id);
        b.writeIntLE(3).writeIntLE(1500).writeIntLE(2500).writeIntLE(0);
        for (int i = 0; i < rows; i++) {
            b.writeFloatLE(0f);
        }
        return new BinaryWebSocketFrame(b);
    }

    private static TextWebSocketFrame textAnswer(long id, int rows) {
        StringBuilder sb = new StringBuilder("{\"id\":").append(id).append(",\"model_version\":3,\"outputs\":[");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "[0.0]" : ",[0.0]");
        }
        sb.append("],\"queue_ns\":1500,\"compute_ns\":2500}");
        return new TextWebSocketFrame(sb.toString());
    }
}
