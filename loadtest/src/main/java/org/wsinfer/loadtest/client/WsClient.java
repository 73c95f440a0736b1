package org.wsinfer.loadtest.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsinfer.loadtest.clock.NanoClock;

/** The driver's WebSocket client: a Netty bootstrap that opens N connections to one URL and closes them all. */
public final class WsClient implements AutoCloseable {
    /** The first wait before a reconnection attempt; each failed attempt doubles it, up to the maximum. */
    public static final Duration FIRST_RECONNECT_BACKOFF = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(WsClient.class);
    private static final Duration RECONNECT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Transport transport = Transport.best();
    private final EventLoopGroup group;
    private final URI uri;
    private final SslContext ssl;
    private final int maxFramePayloadBytes;
    private final ConnectionListener listener;
    private final boolean wantOutputs;
    private final NanoClock clock;
    private final List<WsConnection> connections = new ArrayList<>();
    private volatile boolean closing;
    private volatile long maxBackoffMs;
    private volatile Runnable onReconnected;

    /** A client of {@code ioThreads} event loops; {@code tls} is used for wss:// only. */
    public WsClient(URI uri, ClientTls tls, int ioThreads, int maxFramePayloadBytes, ConnectionListener listener,
                    boolean wantOutputs, NanoClock clock) throws IOException {
        this.uri = uri;
        this.ssl = "wss".equalsIgnoreCase(uri.getScheme()) ? tls.nettyContext() : null;
        this.maxFramePayloadBytes = maxFramePayloadBytes;
        this.listener = listener;
        this.wantOutputs = wantOutputs;
        this.clock = clock;
        this.group = transport.newGroup(ioThreads);
    }

    /** The port of a ws:// or wss:// URI (80 / 443 when absent). */
    public static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Opens {@code n} connections and waits for every WebSocket handshake; throws if any fails. */
    public List<WsConnection> connect(int n, Duration timeout) throws IOException {
        List<Promise<WsConnection>> handshakes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WsConnection c = new WsConnection(i);
            Promise<WsConnection> handshake = open(c, timeout);
            handshake.addListener(done -> {
                if (done.isSuccess()) {
                    watchClose(c);
                }
            });
            connections.add(c);
            handshakes.add(handshake);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Promise<WsConnection> h : handshakes) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!h.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                throw new IOException(String.format(Locale.US, "could not connect to %s: no WebSocket handshake within %d ms",
                        uri, timeout.toMillis()));
            }
            if (!h.isSuccess()) {
                Throwable cause = h.cause();
                throw new IOException("could not connect to " + uri + ": " + cause, cause);
            }
        }
        return List.copyOf(connections);
    }

    /** Starts one TCP connection and WebSocket handshake of {@code c}; the promise completes with the handshake. */
    private Promise<WsConnection> open(WsConnection c, Duration timeout) {
        Promise<WsConnection> handshake = group.next().newPromise();
        c.handshaking(true);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 60_000))
                .handler(new ClientInitializer(c, uri, ssl, maxFramePayloadBytes, listener, wantOutputs, clock,
                        handshake));
        ChannelFuture f = b.connect(uri.getHost(), port(uri));
        f.addListener(done -> {
            if (!done.isSuccess()) {
                handshake.tryFailure(done.cause());
            }
        });
        return handshake;
    }

    /**
     * From now on a connection that closes before {@link #close()} is reopened: the first attempt after
     * {@link #FIRST_RECONNECT_BACKOFF}, each failed one doubling the wait up to {@code maxBackoff};
     * {@code onReconnected} runs after each successful handshake.
     */
    public void reconnectOnClose(Duration maxBackoff, Runnable onReconnected) {
        this.onReconnected = onReconnected;
        this.maxBackoffMs = Math.max(FIRST_RECONNECT_BACKOFF.toMillis(), maxBackoff.toMillis());
    }

    private void watchClose(WsConnection c) {
        if (closing || group.isShuttingDown()) {
            return; // the handshake completed as the client was closing: nothing to watch
        }
        c.channel().closeFuture().addListener(f -> {
            if (!closing && maxBackoffMs > 0) {
                LOG.warn("connection {} closed; reconnecting to {}", c.index(), uri);
                scheduleReconnect(c, FIRST_RECONNECT_BACKOFF.toMillis());
            }
        });
    }

    private void scheduleReconnect(WsConnection c, long delayMs) {
        if (closing || group.isShuttingDown()) {
            return;
        }
        c.handshaking(true);
        try {
            group.schedule(() -> attempt(c, delayMs), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("no reconnect of connection {}: the client is stopping", c.index());
        }
    }

    private void attempt(WsConnection c, long delayMs) {
        if (closing) {
            return;
        }
        open(c, RECONNECT_CONNECT_TIMEOUT).addListener(done -> {
            if (done.isSuccess() && !closing) {
                LOG.info("connection {} reconnected to {}", c.index(), uri);
                watchClose(c);
                Runnable r = onReconnected;
                if (r != null) {
                    r.run();
                }
            } else {
                if (c.channel() != null) {
                    c.channel().close();
                }
                LOG.debug("reconnect of connection {} failed: {}", c.index(), done.cause() == null ? "closing"
                        : done.cause().toString());
                scheduleReconnect(c, Math.min(2 * delayMs, maxBackoffMs));
            }
        });
    }

    /** The transport in use ({@code epoll} or {@code nio}). */
    public String transportName() {
        return transport.name();
    }

    /** Closes every connection and stops the event loops. */
    @Override
    public void close() {
        closing = true;
        for (WsConnection c : connections) {
            if (c.channel() != null) {
                c.channel().close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
