package org.wsinfer.server.hostile;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.TestWsClient;
import org.wsinfer.server.WsInferServer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2,000 WebSocket connections opened at once from four threads (Netty client bootstrap, one NIO group): every one
 * completes its handshake and gets its request answered, a normal client is answered within a few seconds while they
 * are open, and closing them all leaves no connection, request or buffer behind.
 */
class ManyConnectionsTest {
    private static final int CONNECTIONS = 2_000;
    private static final int THREADS = 4;
    private static final int DIM = 16;
    private static WsInferServer server;
    private static LogWatch log;

    @BeforeAll
    static void start() throws Exception {
        LeakWatch.get().collect();
        log = LogWatch.install();
        server = WsInferServer.start(ServerConfig.builder().port(0).inferenceThreads(1).ioThreads(2)
                .backlog(4096).build());
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
            log.assertNoStackTraces();
        } finally {
            log.close();
        }
        LeakWatch.get().assertNoLeaks();
    }

    @Test
    void twoThousandConnectionsAtOnceAndANormalClientIsStillServed() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        CountDownLatch handshakes = new CountDownLatch(CONNECTIONS);
        CountDownLatch answers = new CountDownLatch(CONNECTIONS);
        AtomicInteger failures = new AtomicInteger();
        try {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            WebSocketClientProtocolConfig cfg = WebSocketClientProtocolConfig.newBuilder()
                                    .webSocketUri(server.wsUri()).handshakeTimeoutMillis(20_000).build();
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                    new WebSocketClientProtocolHandler(cfg), new OneRequest(handshakes, answers));
                        }
                    });
            List<Thread> openers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread opener = new Thread(() -> {
                    for (int i = 0; i < CONNECTIONS / THREADS; i++) {
                        ChannelFuture f = b.connect("127.0.0.1", server.port());
                        open.add(f.channel());
                        f.addListener(done -> {
                            if (!done.isSuccess()) {
                                failures.incrementAndGet();
                            }
                        });
                    }
                }, "opener-" + t);
                openers.add(opener);
                opener.start();
            }
            for (Thread t : openers) {
                t.join();
            }
            assertTrue(handshakes.await(30, TimeUnit.SECONDS), handshakes.getCount() + " handshakes missing, "
                    + failures.get() + " connects failed");
            assertTrue(answers.await(30, TimeUnit.SECONDS), answers.getCount() + " answers missing");
            assertEquals(0, failures.get());
            assertTrue(server.metrics().openConnections() >= CONNECTIONS, "open: " + server.metrics().openConnections());

            long startNs = System.nanoTime();
            try (TestWsClient normal = TestWsClient.connect(server.wsUri())) {
                normal.sendBinary(new PredictRequest(1, 1, DIM, new float[DIM]));
                Answer a = normal.nextAnswer();
                assertInstanceOf(Prediction.class, a, a::toString);
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertTrue(tookMs < 5_000, "a normal client took " + tookMs + " ms beside 2,000 connections");
        } finally {
            open.close().awaitUninterruptibly(20, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (server.metrics().openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.metrics().openConnections(), "every connection closed on the server too");
        assertEquals(0, server.metrics().inFlight());
    }

    /** Sends one PREDICT after the handshake and counts its answer. */
    @ChannelHandler.Sharable
    private static final class OneRequest extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {
        private final CountDownLatch handshakes;
        private final CountDownLatch answers;

        OneRequest(CountDownLatch handshakes, CountDownLatch answers) {
            this.handshakes = handshakes;
            this.answers = answers;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshakes.countDown();
                ByteBuf req = BinaryCodec.encodeRequest(ctx.alloc(), new PredictRequest(ctx.channel().hashCode(), 1,
                        DIM, new float[DIM]));
                ctx.writeAndFlush(new BinaryWebSocketFrame(req));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame frame) {
            Answer a = BinaryCodec.decodeAnswer(frame.content());
            if (a instanceof Prediction) {
                answers.countDown();
            }
        }
    }
}
