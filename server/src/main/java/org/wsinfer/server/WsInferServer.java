package org.wsinfer.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsinfer.server.inference.BatchPolicy;
import org.wsinfer.server.inference.Batcher;
import org.wsinfer.server.inference.InferenceQueue;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.metrics.ServerMetrics;
import org.wsinfer.server.model.DefaultModel;
import org.wsinfer.server.model.EchoModel;
import org.wsinfer.server.model.Model;
import org.wsinfer.server.model.ModelDirectory;
import org.wsinfer.server.model.ModelException;
import org.wsinfer.server.net.ServerContext;
import org.wsinfer.server.net.ServerInitializer;
import org.wsinfer.server.net.Transport;
import org.wsinfer.server.security.ServerSecurity;
import org.wsinfer.server.swap.ModelAdminRoutes;
import org.wsinfer.server.swap.ModelLoader;
import org.wsinfer.server.swap.ModelRegistry;
import org.wsinfer.server.swap.ModelSwapper;
import org.wsinfer.server.swap.ModelWatcher;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reference inference server: loads and warms the model, binds, serves WebSocket predictions and the HTTP
 * endpoints, and on {@link #close()} drains gracefully (refuse new requests, answer accepted ones, close 1001).
 */
public final class WsInferServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WsInferServer.class);
    private static final long CLOSE_HANDSHAKE_WAIT_MS = 1_000;

    private final ServerContext context;
    private final Transport transport;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final ModelSwapper swapper;
    private volatile ModelWatcher watcher;
    private final String host;
    private final int port;
    private final boolean tls;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private WsInferServer(ServerContext context, Transport transport, EventLoopGroup bossGroup,
                          EventLoopGroup workerGroup, Channel serverChannel, ModelSwapper swapper, boolean tls) {
        this.context = context;
        this.tls = tls;
        this.swapper = swapper;
        this.transport = transport;
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
        InetSocketAddress local = (InetSocketAddress) serverChannel.localAddress();
        this.host = context.config().host();
        this.port = local.getPort();
    }

    /** Loads the model the configuration names, warms it, binds, and returns once listening. */
    public static WsInferServer start(ServerConfig config) throws Exception {
        return start(config, loadModel(config));
    }

    /** Serves {@code model} (which the configuration's model options then do not choose); returns once listening. */
    public static WsInferServer start(ServerConfig config, Model model) throws Exception {
        ServerSecurity security = ServerSecurity.from(config); // bad TLS files fail before anything starts
        warmUp(model);
        ServerState state = new ServerState();
        ModelHolder models = new ModelHolder(model, Clock.systemUTC());
        InferenceQueue queue = new InferenceQueue(config.queueCapacity(), config.maxQueuedElements());
        ServerMetrics metrics = new ServerMetrics(queue::size);
        BatchPolicy policy = new BatchPolicy(config.maxBatchRows(), TimeUnit.MICROSECONDS.toNanos(config.maxQueueDelayUs()));
        Batcher batcher = new Batcher(queue, models, policy, config.inferenceThreads(), System::nanoTime, metrics).start();
        ChannelGroup channels = new DefaultChannelGroup("wsinfer-connections", GlobalEventExecutor.INSTANCE);
        ChannelGroup webSockets = new DefaultChannelGroup("wsinfer-websockets", GlobalEventExecutor.INSTANCE);
        ServerContext context = new ServerContext(config, state, models, batcher, metrics, channels, webSockets,
                System::nanoTime);
        ModelRegistry registry = new ModelRegistry(models, config.echo() ? null : config.modelDir(),
                ModelLoader.DIRECTORY);
        ModelSwapper swapper = new ModelSwapper(registry, metrics.registry());

        Transport transport = Transport.choose(config.nativeTransport());
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), transport.ioHandlerFactory());
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, config.backlog())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(config.writeBufferLowBytes(), config.writeBufferHighBytes()))
                    .childHandler(new ServerInitializer(context, new ModelAdminRoutes(swapper, state), security));
            Channel ch = b.bind(config.host(), config.port()).sync().channel();
            WsInferServer server = new WsInferServer(context, transport, boss, workers, ch, swapper, security.tls());
            if (config.watchModel()) {
                server.watcher = ModelWatcher.start(config.modelDir(), swapper, ModelWatcher.DEFAULT_DEBOUNCE_MS);
            }
            state.set(ServerState.Phase.SERVING);
            LOG.info("serving model {} v{} (input_dim {}, output_dim {}) on {} with {} transport, batching {}",
                    model.name(), model.version(), model.inputDim(), model.outputDim(), server.wsUri(), transport,
                    config.batching() ? "up to " + config.maxBatchRows() + " rows, delay " + config.maxQueueDelayUs()
                            + " us" : "off");
            return server;
        } catch (Exception | Error e) {
            swapper.close();
            batcher.close();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            metrics.close();
            throw e;
        }
    }

    /** The model the configuration names: echo, the directory's linear model, or the embedded default. */
    public static Model loadModel(ServerConfig config) throws ModelException {
        if (config.echo()) {
            return new EchoModel(config.echoDim());
        }
        if (config.modelDir() == null) {
            return DefaultModel.create();
        }
        return ModelDirectory.load(config.modelDir());
    }

    /** Runs one prediction so that native libraries and workspaces are ready before the first request. */
    private static void warmUp(Model model) {
        long startNs = System.nanoTime();
        model.predict(new float[model.inputDim()], 1, new float[model.outputDim()]);
        LOG.info("model {} v{} warmed up in {} ms", model.name(), model.version(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
    }

    /** The configured bind address. */
    public String host() {
        return host;
    }

    /** The bound port (the chosen one when the configuration said 0). */
    public int port() {
        return port;
    }

    /** {@code ws://host:port/ws}, or {@code wss://} with TLS. */
    public URI wsUri() {
        return URI.create((tls ? "wss://" : "ws://") + hostForUri() + ":" + port + "/ws");
    }

    /** {@code http://host:port} (no trailing slash), or {@code https://} with TLS. */
    public URI httpUri() {
        return URI.create((tls ? "https://" : "http://") + hostForUri() + ":" + port);
    }

    private String hostForUri() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The configuration the server runs with. */
    public ServerConfig config() {
        return context.config();
    }

    /** The I/O transport in use. */
    public Transport transport() {
        return transport;
    }

    /** The server's meters. */
    public ServerMetrics metrics() {
        return context.metrics();
    }

    /** The served model's holder (for a later hot swap). */
    public ModelHolder models() {
        return context.models();
    }

    /** The current and previous model, for hot swaps ({@code POST /v1/model/reload}, {@code /rollback}). */
    public ModelRegistry registry() {
        return swapper.registry();
    }

    /** Runs reloads and rollbacks off the event loops. */
    public ModelSwapper swapper() {
        return swapper;
    }

    /** The life cycle phase. */
    public ServerState.Phase phase() {
        return context.state().phase();
    }

    /** Waits until {@link #close()} has finished; false on timeout. */
    public boolean awaitStopped(long timeoutMs) throws InterruptedException {
        return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Graceful drain, then stop: stop accepting, /health 503 and new requests UNAVAILABLE, wait up to the drain
     * timeout for accepted requests to be answered, send close 1001 to every WebSocket, close every connection,
     * stop the threads. Idempotent; a second caller waits for the first to finish.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            long startNs = System.nanoTime();
            context.state().set(ServerState.Phase.DRAINING);
            if (watcher != null) {
                watcher.close();
            }
            swapper.close();
            serverChannel.close().syncUninterruptibly();
            long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(config().drainTimeoutMs());
            while (context.metrics().inFlight() > 0 && System.nanoTime() < deadlineNs && sleepMs(2)) {
                // waiting for the batcher to answer what was accepted
            }
            int unanswered = context.metrics().inFlight();
            context.webSockets().writeAndFlush(
                    new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server shutting down"));
            context.webSockets().newCloseFuture().awaitUninterruptibly(CLOSE_HANDSHAKE_WAIT_MS);
            context.channels().close().awaitUninterruptibly(CLOSE_HANDSHAKE_WAIT_MS);
            context.batcher().close();
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            context.metrics().close();
            context.state().set(ServerState.Phase.STOPPED);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            if (unanswered > 0) {
                LOG.warn("stopped after {} ms; {} accepted requests were still unanswered at the drain timeout",
                        tookMs, unanswered);
            } else {
                LOG.info("stopped after {} ms; every accepted request was answered", tookMs);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Sleeps; false (and the interrupt flag kept) when interrupted. */
    private static boolean sleepMs(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
