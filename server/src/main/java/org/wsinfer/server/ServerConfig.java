package org.wsinfer.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The one immutable, validated configuration of the reference server; {@link #toString()} prints every field. */
public final class ServerConfig {
    /** Default largest WebSocket message payload: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_PAYLOAD_BYTES = 1 << 20;
    /** Default largest rows * cols of one request. */
    public static final int DEFAULT_MAX_ELEMENTS = 262_144;

    private final String host;
    private final int port;
    private final Path modelDir;
    private final boolean echo;
    private final int echoDim;
    private final int ioThreads;
    private final int inferenceThreads;
    private final int queueCapacity;
    private final long maxQueuedElements;
    private final int maxBatchRows;
    private final long maxQueueDelayUs;
    private final int maxFramePayloadBytes;
    private final int maxElements;
    private final int maxConnections;
    private final long idleTimeoutMs;
    private final int maxInFlightPerConnection;
    private final long drainTimeoutMs;
    private final int backlog;
    private final int writeBufferLowBytes;
    private final int writeBufferHighBytes;
    private final boolean nativeTransport;
    private final Path tlsCert;
    private final Path tlsKey;
    private final String authToken;
    private final String adminToken;
    private final List<String> allowedOrigins;
    private final int maxConnectionsPerAddress;
    private final boolean watchModel;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.modelDir = b.modelDir;
        this.echo = b.echo;
        this.echoDim = b.echoDim;
        this.ioThreads = b.ioThreads;
        this.inferenceThreads = b.inferenceThreads;
        this.queueCapacity = b.queueCapacity;
        this.maxQueuedElements = b.maxQueuedElements;
        this.maxBatchRows = b.maxBatchRows;
        this.maxQueueDelayUs = b.maxQueueDelayUs;
        this.maxFramePayloadBytes = b.maxFramePayloadBytes;
        this.maxElements = b.maxElements;
        this.maxConnections = b.maxConnections;
        this.idleTimeoutMs = b.idleTimeoutMs;
        this.maxInFlightPerConnection = b.maxInFlightPerConnection;
        this.drainTimeoutMs = b.drainTimeoutMs;
        this.backlog = b.backlog;
        this.writeBufferLowBytes = b.writeBufferLowBytes;
        this.writeBufferHighBytes = b.writeBufferHighBytes;
        this.nativeTransport = b.nativeTransport;
        this.tlsCert = b.tlsCert;
        this.tlsKey = b.tlsKey;
        this.authToken = b.authToken;
        this.adminToken = b.adminToken;
        this.allowedOrigins = List.copyOf(b.allowedOrigins);
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.watchModel = b.watchModel;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.modelDir = modelDir;
        b.echo = echo;
        b.echoDim = echoDim;
        b.ioThreads = ioThreads;
        b.inferenceThreads = inferenceThreads;
        b.queueCapacity = queueCapacity;
        b.maxQueuedElements = maxQueuedElements;
        b.maxBatchRows = maxBatchRows;
        b.maxQueueDelayUs = maxQueueDelayUs;
        b.maxFramePayloadBytes = maxFramePayloadBytes;
        b.maxElements = maxElements;
        b.maxConnections = maxConnections;
        b.idleTimeoutMs = idleTimeoutMs;
        b.maxInFlightPerConnection = maxInFlightPerConnection;
        b.drainTimeoutMs = drainTimeoutMs;
        b.backlog = backlog;
        b.writeBufferLowBytes = writeBufferLowBytes;
        b.writeBufferHighBytes = writeBufferHighBytes;
        b.nativeTransport = nativeTransport;
        b.tlsCert = tlsCert;
        b.tlsKey = tlsKey;
        b.authToken = authToken;
        b.adminToken = adminToken;
        b.allowedOrigins = allowedOrigins;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.watchModel = watchModel;
        return b;
    }

    /** Address to bind. */
    public String host() {
        return host;
    }

    /** Port to bind; 0 picks a free port. */
    public int port() {
        return port;
    }

    /** Model directory, or {@code null} for the embedded default model (ignored in echo mode). */
    public Path modelDir() {
        return modelDir;
    }

    /** Whether to serve the echo model (outputs = inputs) instead of a linear model. */
    public boolean echo() {
        return echo;
    }

    /** Features per row of the echo model. */
    public int echoDim() {
        return echoDim;
    }

    /** Netty event-loop threads; 0 = Netty's default (2 x cores). */
    public int ioThreads() {
        return ioThreads;
    }

    /** Inference (batcher) threads. */
    public int inferenceThreads() {
        return inferenceThreads;
    }

    /** Largest number of requests waiting for the model (beyond: OVERLOADED). */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Largest number of input values waiting for the model, over all queued requests (beyond: OVERLOADED). */
    public long maxQueuedElements() {
        return maxQueuedElements;
    }

    /** Largest rows of one dynamic batch; 0 turns batching off (each request its own model call). */
    public int maxBatchRows() {
        return maxBatchRows;
    }

    /** Whether dynamic batching is on. */
    public boolean batching() {
        return maxBatchRows > 0;
    }

    /** How long the oldest request of a batch may wait for more requests, in microseconds. */
    public long maxQueueDelayUs() {
        return maxQueueDelayUs;
    }

    /** Largest WebSocket message payload (beyond: close 1009). */
    public int maxFramePayloadBytes() {
        return maxFramePayloadBytes;
    }

    /** Largest rows * cols of one request (beyond: TOO_LARGE). */
    public int maxElements() {
        return maxElements;
    }

    /** Largest number of open WebSocket connections (beyond: HTTP 503 at the handshake). */
    public int maxConnections() {
        return maxConnections;
    }

    /** A connection with no traffic for this long is closed (WebSocket: close 1001). */
    public long idleTimeoutMs() {
        return idleTimeoutMs;
    }

    /** Largest number of unanswered requests of one connection (beyond: OVERLOADED). */
    public int maxInFlightPerConnection() {
        return maxInFlightPerConnection;
    }

    /** How long a graceful shutdown waits for accepted requests to be answered. */
    public long drainTimeoutMs() {
        return drainTimeoutMs;
    }

    /** Listen backlog of the server socket. */
    public int backlog() {
        return backlog;
    }

    /** A non-writable channel becomes writable again below this many pending outbound bytes. */
    public int writeBufferLowBytes() {
        return writeBufferLowBytes;
    }

    /** A channel becomes non-writable (and stops reading) above this many pending outbound bytes. */
    public int writeBufferHighBytes() {
        return writeBufferHighBytes;
    }

    /** Whether to use native epoll when it is available (NIO otherwise). */
    public boolean nativeTransport() {
        return nativeTransport;
    }

    /** PEM certificate chain of the TLS server ({@code wss://}), or {@code null} for plain {@code ws://}. */
    public Path tlsCert() {
        return tlsCert;
    }

    /** PEM (PKCS#8) private key of {@link #tlsCert()}, or {@code null}. */
    public Path tlsKey() {
        return tlsKey;
    }

    /** Whether the server speaks TLS. */
    public boolean tls() {
        return tlsCert != null;
    }

    /** Bearer token the WebSocket handshake must present, or {@code null} for none (never printed). */
    public String authToken() {
        return authToken;
    }

    /** Bearer token of the admin endpoints (model reload, rollback), or {@code null} for none (never printed). */
    public String adminToken() {
        return adminToken;
    }

    /** Origins a handshake's {@code Origin} header may name (empty = any); a handshake without Origin passes. */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** Largest number of TCP connections from one remote address (beyond: HTTP 503 and close); 0 = no limit. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** Whether to watch the model directory and hot-swap it when its files change ({@code serve --watch}). */
    public boolean watchModel() {
        return watchModel;
    }

    /** A one-line description of the model source. */
    public String modelSource() {
        if (echo) {
            return "echo(" + echoDim + ")";
        }
        return modelDir == null ? "embedded-default" : modelDir.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.US, "ServerConfig{host=%s, port=%d, model=%s, echo=%b, echoDim=%d, ioThreads=%d,"
                        + " inferenceThreads=%d, queueCapacity=%d, maxQueuedElements=%d, maxBatchRows=%d,"
                        + " maxQueueDelayUs=%d, maxFramePayloadBytes=%d, maxElements=%d, maxConnections=%d,"
                        + " idleTimeoutMs=%d, maxInFlightPerConnection=%d, drainTimeoutMs=%d, backlog=%d,"
                        + " writeBufferLowBytes=%d, writeBufferHighBytes=%d, nativeTransport=%b, tlsCert=%s,"
                        + " tlsKey=%s, authToken=%s, adminToken=%s, allowedOrigins=%s, maxConnectionsPerAddress=%d,"
                        + " watchModel=%b}",
                host, port, modelSource(), echo, echoDim, ioThreads, inferenceThreads, queueCapacity,
                maxQueuedElements, maxBatchRows, maxQueueDelayUs, maxFramePayloadBytes, maxElements, maxConnections,
                idleTimeoutMs, maxInFlightPerConnection, drainTimeoutMs, backlog, writeBufferLowBytes,
                writeBufferHighBytes, nativeTransport, tlsCert, tlsKey, mask(authToken), mask(adminToken),
                allowedOrigins.isEmpty() ? "any" : String.join(",", allowedOrigins), maxConnectionsPerAddress,
                watchModel);
    }

    /** A secret as printed: {@code ***} when set, {@code none} when not (the value itself never appears). */
    private static String mask(String secret) {
        return secret == null ? "none" : "***";
    }

    /** Mutable builder; {@link #build()} validates every field. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Path modelDir;
        private boolean echo;
        private int echoDim = 16;
        private int ioThreads;
        /** Half the cores, at least 1: on 2 cores one inference thread used ~1/3 less CPU per request than two. */
        private int inferenceThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        private int queueCapacity = 4096;
        private long maxQueuedElements = 16L << 20;
        private int maxBatchRows = 256;
        private long maxQueueDelayUs;
        private int maxFramePayloadBytes = DEFAULT_MAX_FRAME_PAYLOAD_BYTES;
        private int maxElements = DEFAULT_MAX_ELEMENTS;
        private int maxConnections = 10_000;
        private long idleTimeoutMs = 60_000;
        private int maxInFlightPerConnection = 1024;
        private long drainTimeoutMs = 10_000;
        private int backlog = 1024;
        private int writeBufferLowBytes = 256 * 1024;
        private int writeBufferHighBytes = 1024 * 1024;
        private boolean nativeTransport = true;
        private Path tlsCert;
        private Path tlsKey;
        private String authToken;
        private String adminToken;
        private List<String> allowedOrigins = List.of();
        private int maxConnectionsPerAddress;
        private boolean watchModel;

        private Builder() {
        }

        /** Address to bind (default 127.0.0.1). */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /** Port (default 8080; 0 = a free port). */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** Model directory ({@code null} = embedded default). */
        public Builder modelDir(Path v) {
            modelDir = v;
            return this;
        }

        /** Serve the echo model. */
        public Builder echo(boolean v) {
            echo = v;
            return this;
        }

        /** Features per row of the echo model (default 16). */
        public Builder echoDim(int v) {
            echoDim = v;
            return this;
        }

        /** Event-loop threads (default 0 = Netty's default). */
        public Builder ioThreads(int v) {
            ioThreads = v;
            return this;
        }

        /** Inference threads (default = cores). */
        public Builder inferenceThreads(int v) {
            inferenceThreads = v;
            return this;
        }

        /** Queue capacity in requests (default 4096). */
        public Builder queueCapacity(int v) {
            queueCapacity = v;
            return this;
        }

        /** Queue capacity in input values (default 16 Mi = 64 MiB of float32). */
        public Builder maxQueuedElements(long v) {
            maxQueuedElements = v;
            return this;
        }

        /** Largest batch in rows (default 256; 0 = batching off). */
        public Builder maxBatchRows(int v) {
            maxBatchRows = v;
            return this;
        }

        /** Batching delay in microseconds (default 0: take what is waiting, never wait). */
        public Builder maxQueueDelayUs(long v) {
            maxQueueDelayUs = v;
            return this;
        }

        /** Largest message payload in bytes (default 1 MiB). */
        public Builder maxFramePayloadBytes(int v) {
            maxFramePayloadBytes = v;
            return this;
        }

        /** Largest rows * cols (default 262,144). */
        public Builder maxElements(int v) {
            maxElements = v;
            return this;
        }

        /** Largest number of WebSocket connections (default 10,000). */
        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        /** Idle timeout in ms (default 60,000). */
        public Builder idleTimeoutMs(long v) {
            idleTimeoutMs = v;
            return this;
        }

        /** Unanswered requests per connection (default 1,024). */
        public Builder maxInFlightPerConnection(int v) {
            maxInFlightPerConnection = v;
            return this;
        }

        /** Drain timeout in ms (default 10,000). */
        public Builder drainTimeoutMs(long v) {
            drainTimeoutMs = v;
            return this;
        }

        /** Listen backlog (default 1024). */
        public Builder backlog(int v) {
            backlog = v;
            return this;
        }

        /** Low write-buffer water mark in bytes (default 256 KiB). */
        public Builder writeBufferLowBytes(int v) {
            writeBufferLowBytes = v;
            return this;
        }

        /** High write-buffer water mark in bytes (default 1 MiB). */
        public Builder writeBufferHighBytes(int v) {
            writeBufferHighBytes = v;
            return this;
        }

        /** Use native epoll when available (default true). */
        public Builder nativeTransport(boolean v) {
            nativeTransport = v;
            return this;
        }

        /** TLS certificate chain PEM (default none = plain ws://); needs {@link #tlsKey(Path)}. */
        public Builder tlsCert(Path v) {
            tlsCert = v;
            return this;
        }

        /** TLS private key PEM (PKCS#8); needs {@link #tlsCert(Path)}. */
        public Builder tlsKey(Path v) {
            tlsKey = v;
            return this;
        }

        /** Bearer token of the WebSocket handshake (default none: no token needed). */
        public Builder authToken(String v) {
            authToken = v;
            return this;
        }

        /** Bearer token of the admin endpoints (default none). */
        public Builder adminToken(String v) {
            adminToken = v;
            return this;
        }

        /** Allowed handshake origins such as {@code https://app.example:8443} (default empty = any). */
        public Builder allowedOrigins(List<String> v) {
            allowedOrigins = v == null ? List.of() : List.copyOf(v);
            return this;
        }

        /** TCP connections per remote address (default 0 = no limit). */
        public Builder maxConnectionsPerAddress(int v) {
            maxConnectionsPerAddress = v;
            return this;
        }

        /** Watch the model directory and hot-swap on change (default false; needs a model directory). */
        public Builder watchModel(boolean v) {
            watchModel = v;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad field. */
        public ServerConfig build() {
            Objects.requireNonNull(host, "host");
            require(!host.isBlank(), "host must not be empty");
            require(port >= 0 && port <= 65535, "port must be 0..65535, not " + port);
            require(echoDim >= 1 && echoDim <= DEFAULT_MAX_ELEMENTS, "echo-dim must be 1.." + DEFAULT_MAX_ELEMENTS
                    + ", not " + echoDim);
            require(ioThreads >= 0 && ioThreads <= 1024, "io-threads must be 0..1024, not " + ioThreads);
            require(inferenceThreads >= 1 && inferenceThreads <= 1024,
                    "inference-threads must be 1..1024, not " + inferenceThreads);
            require(queueCapacity >= 1, "queue-capacity must be >= 1, not " + queueCapacity);
            require(maxElements >= 1, "max-elements must be >= 1, not " + maxElements);
            require(maxQueuedElements >= maxElements, "max-queued-elements (" + maxQueuedElements
                    + ") must be >= max-elements (" + maxElements + ")");
            require(maxBatchRows >= 0 && maxBatchRows <= 65_535, "max-batch-rows must be 0..65535, not " + maxBatchRows);
            require(maxQueueDelayUs >= 0 && maxQueueDelayUs <= 1_000_000,
                    "max-queue-delay-us must be 0..1000000, not " + maxQueueDelayUs);
            require(maxFramePayloadBytes >= 64, "max-frame-payload-bytes must be >= 64, not " + maxFramePayloadBytes);
            require(maxConnections >= 1, "max-connections must be >= 1, not " + maxConnections);
            require(idleTimeoutMs >= 1, "idle-timeout-ms must be >= 1, not " + idleTimeoutMs);
            require(maxInFlightPerConnection >= 1,
                    "max-in-flight-per-connection must be >= 1, not " + maxInFlightPerConnection);
            require(drainTimeoutMs >= 0, "drain-timeout-ms must be >= 0, not " + drainTimeoutMs);
            require(backlog >= 1, "backlog must be >= 1, not " + backlog);
            require(writeBufferLowBytes >= 1, "write-buffer-low-bytes must be >= 1, not " + writeBufferLowBytes);
            require(writeBufferHighBytes > writeBufferLowBytes, "write-buffer-high-bytes (" + writeBufferHighBytes
                    + ") must be > write-buffer-low-bytes (" + writeBufferLowBytes + ")");
            require((tlsCert == null) == (tlsKey == null), "tls-cert and tls-key must be given together");
            requireToken(authToken, "auth-token");
            requireToken(adminToken, "admin-token");
            for (String origin : allowedOrigins) {
                require(origin != null && !origin.isBlank() && origin.strip().equals(origin),
                        "allowed-origins must not hold empty or padded entries");
            }
            require(maxConnectionsPerAddress >= 0,
                    "max-connections-per-address must be >= 0, not " + maxConnectionsPerAddress);
            require(!watchModel || (modelDir != null && !echo), "watch needs a model directory (--model DIR)");
            return new ServerConfig(this);
        }

        /** A token must be printable ASCII without spaces (an HTTP header value); the message never shows it. */
        private static void requireToken(String token, String name) {
            if (token == null) {
                return;
            }
            require(!token.isEmpty(), name + " must not be empty");
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                require(c > 0x20 && c < 0x7f, name + " must be printable ASCII without spaces (character "
                        + (i + 1) + " is not)");
            }
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
