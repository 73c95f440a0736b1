package org.wsinfer.loadtest.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.wsinfer.loadtest.schedule.Arrival;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.Protocol;

/** The immutable, validated configuration of one {@code drive} run; {@link #toString()} prints every field. */
public final class DriverConfig {
    /** The {@code features} value that means "ask the server's GET /v1/model". */
    public static final int FEATURES_FROM_SERVER = 0;

    private final URI url;
    private final Framing framing;
    private final double rateHz;
    private final Arrival arrival;
    private final long seed;
    private final Duration duration;
    private final Duration warmup;
    private final int connections;
    private final int rows;
    private final int features;
    private final Path inputsCsv;
    private final Duration timeout;
    private final Duration interval;
    private final Duration minDuration;
    private final long minRequests;
    private final Path verifyModel;
    private final double verifyTolerance;
    private final String injectorId;
    private final StartAt startAt;
    private final boolean insecure;
    private final Path trustCert;
    private final int ioThreads;
    private final int payloadPoolSize;
    private final int clockSamples;
    private final int maxFramePayloadBytes;
    private final Duration maxSendLagP99;
    private final Path outDir;
    private final boolean quiet;
    private final Path verifyVersions;
    private final boolean reconnect;
    private final Duration reconnectMaxBackoff;

    private DriverConfig(Builder b) {
        this.url = b.url;
        this.framing = b.framing;
        this.rateHz = b.rateHz;
        this.arrival = b.arrival;
        this.seed = b.seed;
        this.duration = b.duration;
        this.warmup = b.warmup;
        this.connections = b.connections;
        this.rows = b.rows;
        this.features = b.features;
        this.inputsCsv = b.inputsCsv;
        this.timeout = b.timeout;
        this.interval = b.interval;
        this.minDuration = b.minDuration;
        this.minRequests = b.minRequests;
        this.verifyModel = b.verifyModel;
        this.verifyTolerance = b.verifyTolerance;
        this.injectorId = b.injectorId;
        this.startAt = b.startAt;
        this.insecure = b.insecure;
        this.trustCert = b.trustCert;
        this.ioThreads = b.ioThreads > 0 ? b.ioThreads
                : Math.max(1, Math.min(b.connections, Runtime.getRuntime().availableProcessors()));
        this.payloadPoolSize = b.payloadPoolSize;
        this.clockSamples = b.clockSamples;
        this.maxFramePayloadBytes = b.maxFramePayloadBytes;
        this.maxSendLagP99 = b.maxSendLagP99;
        this.outDir = b.outDir;
        this.quiet = b.quiet;
        this.verifyVersions = b.verifyVersions;
        this.reconnect = b.reconnect;
        this.reconnectMaxBackoff = b.reconnectMaxBackoff;
    }

    /** A builder with the defaults of the {@code drive} command. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a variant (another rate, another folder). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.framing = framing;
        b.rateHz = rateHz;
        b.arrival = arrival;
        b.seed = seed;
        b.duration = duration;
        b.warmup = warmup;
        b.connections = connections;
        b.rows = rows;
        b.features = features;
        b.inputsCsv = inputsCsv;
        b.timeout = timeout;
        b.interval = interval;
        b.minDuration = minDuration;
        b.minRequests = minRequests;
        b.verifyModel = verifyModel;
        b.verifyTolerance = verifyTolerance;
        b.injectorId = injectorId;
        b.startAt = startAt;
        b.insecure = insecure;
        b.trustCert = trustCert;
        b.ioThreads = ioThreads;
        b.payloadPoolSize = payloadPoolSize;
        b.clockSamples = clockSamples;
        b.maxFramePayloadBytes = maxFramePayloadBytes;
        b.maxSendLagP99 = maxSendLagP99;
        b.outDir = outDir;
        b.quiet = quiet;
        b.verifyVersions = verifyVersions;
        b.reconnect = reconnect;
        b.reconnectMaxBackoff = reconnectMaxBackoff;
        return b;
    }

    /** The WebSocket endpoint, {@code ws://} or {@code wss://}. */
    public URI url() {
        return url;
    }

    /** Binary or text (JSON) frames. */
    public Framing framing() {
        return framing;
    }

    /** Offered requests per second over all connections (per injector). */
    public double rateHz() {
        return rateHz;
    }

    /** Constant or Poisson arrivals. */
    public Arrival arrival() {
        return arrival;
    }

    /** Seed of the Poisson gaps and the random inputs. */
    public long seed() {
        return seed;
    }

    /** Length of the measured phase. */
    public Duration duration() {
        return duration;
    }

    /** Length of the warm-up before it (sent and answered, not recorded). */
    public Duration warmup() {
        return warmup;
    }

    /** WebSocket connections the requests are spread over (round-robin). */
    public int connections() {
        return connections;
    }

    /** Rows per request. */
    public int rows() {
        return rows;
    }

    /** Features per row, or {@link #FEATURES_FROM_SERVER}. */
    public int features() {
        return features;
    }

    /** The CSV file the inputs come from, or null for seeded random inputs. */
    public Path inputsCsv() {
        return inputsCsv;
    }

    /** A request unanswered this long after it was sent is a timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** The log and progress interval. */
    public Duration interval() {
        return interval;
    }

    /** A shorter measured phase makes the run invalid. */
    public Duration minDuration() {
        return minDuration;
    }

    /** Fewer measured requests make the run invalid. */
    public long minRequests() {
        return minRequests;
    }

    /** The model folder every answer is checked against, or null. */
    public Path verifyModel() {
        return verifyModel;
    }

    /** Largest accepted |got - expected| / max(1, |expected|) in accuracy mode. */
    public double verifyTolerance() {
        return verifyTolerance;
    }

    /** This injector's name, in the interval log and the summary. */
    public String injectorId() {
        return injectorId;
    }

    /** When the schedule starts, or null for "as soon as connected". */
    public StartAt startAt() {
        return startAt;
    }

    /** Trust any server certificate on wss://. */
    public boolean insecure() {
        return insecure;
    }

    /** PEM file of the certificate(s) to trust on wss://, or null for the JDK's trust store. */
    public Path trustCert() {
        return trustCert;
    }

    /** Netty event-loop threads of the client. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Distinct pre-encoded random payloads the requests cycle through. */
    public int payloadPoolSize() {
        return payloadPoolSize;
    }

    /** GET /health round trips used to estimate the clock offset against the server (0 = none). */
    public int clockSamples() {
        return clockSamples;
    }

    /** Largest WebSocket frame payload the client accepts. */
    public int maxFramePayloadBytes() {
        return maxFramePayloadBytes;
    }

    /** A send-lag p99 above this means the driver fell behind its schedule. */
    public Duration maxSendLagP99() {
        return maxSendLagP99;
    }

    /** The results folder. */
    public Path outDir() {
        return outDir;
    }

    /** No progress lines (the summary is still printed). */
    public boolean quiet() {
        return quiet;
    }

    /**
     * A folder of model folders (each with model.json, weights.npy, bias.npy): every answer is checked against the
     * one whose model.json {@code version} equals the answer's {@code model_version} (hot-swap runs), or null.
     */
    public Path verifyVersions() {
        return verifyVersions;
    }

    /** Whether a connection that closes during the run is reopened, with exponential backoff. */
    public boolean reconnect() {
        return reconnect;
    }

    /** The longest wait between two reconnection attempts (the first waits 50 ms, then doubling). */
    public Duration reconnectMaxBackoff() {
        return reconnectMaxBackoff;
    }

    /** The text in the summary's {@code config.inputs}: {@code random} or the CSV path. */
    public String inputsLabel() {
        return inputsCsv == null ? "random" : inputsCsv.toString();
    }

    /** A copy with another number of features (resolved from the server). */
    public DriverConfig withFeatures(int f) {
        return toBuilder().features(f).build();
    }

    /** A copy with another offered rate. */
    public DriverConfig withRate(double r) {
        return toBuilder().rateHz(r).build();
    }

    /** A copy writing into another folder. */
    public DriverConfig withOutDir(Path dir) {
        return toBuilder().outDir(dir).build();
    }

    /** The configuration as the {@code config} object of {@code summary.json} (field names per docs/RESULTS.md). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url.toString());
        m.put("framing", framing.label());
        m.put("rateHz", rateHz);
        m.put("arrival", arrival.label());
        m.put("seed", seed);
        m.put("durationMs", duration.toMillis());
        m.put("warmupMs", warmup.toMillis());
        m.put("connections", connections);
        m.put("rows", rows);
        m.put("features", features);
        m.put("inputs", inputsLabel());
        m.put("timeoutMs", timeout.toMillis());
        m.put("intervalMs", interval.toMillis());
        m.put("minDurationMs", minDuration.toMillis());
        m.put("minRequests", minRequests);
        m.put("verifyModel", verifyModel == null ? null : verifyModel.toString());
        m.put("verifyTolerance", verifyTolerance);
        m.put("injectorId", injectorId);
        m.put("startAt", startAt == null ? null : startAt.toString());
        m.put("insecure", insecure);
        m.put("trustCert", trustCert == null ? null : trustCert.toString());
        m.put("ioThreads", ioThreads);
        m.put("payloadPoolSize", payloadPoolSize);
        m.put("clockSamples", clockSamples);
        m.put("maxFramePayloadBytes", maxFramePayloadBytes);
        m.put("maxSendLagP99Us", maxSendLagP99.toNanos() / 1e3);
        m.put("out", outDir == null ? null : outDir.toString());
        m.put("verifyVersions", verifyVersions == null ? null : verifyVersions.toString());
        m.put("reconnect", reconnect);
        m.put("reconnectMaxBackoffMs", reconnectMaxBackoff.toMillis());
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DriverConfig{");
        String sep = "";
        for (Map.Entry<String, Object> e : toMap().entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return sb.append('}').toString();
    }

    /** Collects and validates the options of a {@link DriverConfig}. */
    public static final class Builder {
        private URI url = URI.create("ws://127.0.0.1:8080/ws");
        private Framing framing = Framing.BINARY;
        private double rateHz = 1000;
        private Arrival arrival = Arrival.CONSTANT;
        private long seed = 1;
        private Duration duration = Duration.ofSeconds(10);
        private Duration warmup = Duration.ofSeconds(2);
        private int connections = 4;
        private int rows = 1;
        private int features = FEATURES_FROM_SERVER;
        private Path inputsCsv;
        private Duration timeout = Duration.ofSeconds(5);
        private Duration interval = Duration.ofSeconds(1);
        private Duration minDuration = Duration.ofSeconds(5);
        private long minRequests = 1000;
        private Path verifyModel;
        private double verifyTolerance = 1e-3;
        private String injectorId = "local";
        private StartAt startAt;
        private boolean insecure;
        private Path trustCert;
        private int ioThreads;
        private int payloadPoolSize = 64;
        private int clockSamples = 3;
        private int maxFramePayloadBytes = 64 * 1024 * 1024;
        private Duration maxSendLagP99 = Duration.ofMillis(1);
        private Path outDir;
        private boolean quiet;
        private Path verifyVersions;
        private boolean reconnect;
        private Duration reconnectMaxBackoff = Duration.ofSeconds(1);

        private Builder() {
        }

        /** See {@link DriverConfig#url()}. */
        public Builder url(URI v) {
            this.url = v;
            return this;
        }

        /** See {@link DriverConfig#url()}. */
        public Builder url(String v) {
            try {
                return url(new URI(v));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--url: '" + v + "' is not a URI: " + e.getMessage());
            }
        }

        /** See {@link DriverConfig#framing()}. */
        public Builder framing(Framing v) {
            this.framing = v;
            return this;
        }

        /** See {@link DriverConfig#rateHz()}. */
        public Builder rateHz(double v) {
            this.rateHz = v;
            return this;
        }

        /** See {@link DriverConfig#arrival()}. */
        public Builder arrival(Arrival v) {
            this.arrival = v;
            return this;
        }

        /** See {@link DriverConfig#seed()}. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** See {@link DriverConfig#duration()}. */
        public Builder duration(Duration v) {
            this.duration = v;
            return this;
        }

        /** See {@link DriverConfig#warmup()}. */
        public Builder warmup(Duration v) {
            this.warmup = v;
            return this;
        }

        /** See {@link DriverConfig#connections()}. */
        public Builder connections(int v) {
            this.connections = v;
            return this;
        }

        /** See {@link DriverConfig#rows()}. */
        public Builder rows(int v) {
            this.rows = v;
            return this;
        }

        /** See {@link DriverConfig#features()}. */
        public Builder features(int v) {
            this.features = v;
            return this;
        }

        /** See {@link DriverConfig#inputsCsv()}; null for random inputs. */
        public Builder inputsCsv(Path v) {
            this.inputsCsv = v;
            return this;
        }

        /** See {@link DriverConfig#timeout()}. */
        public Builder timeout(Duration v) {
            this.timeout = v;
            return this;
        }

        /** See {@link DriverConfig#interval()}. */
        public Builder interval(Duration v) {
            this.interval = v;
            return this;
        }

        /** See {@link DriverConfig#minDuration()}. */
        public Builder minDuration(Duration v) {
            this.minDuration = v;
            return this;
        }

        /** See {@link DriverConfig#minRequests()}. */
        public Builder minRequests(long v) {
            this.minRequests = v;
            return this;
        }

        /** See {@link DriverConfig#verifyModel()}. */
        public Builder verifyModel(Path v) {
            this.verifyModel = v;
            return this;
        }

        /** See {@link DriverConfig#verifyTolerance()}. */
        public Builder verifyTolerance(double v) {
            this.verifyTolerance = v;
            return this;
        }

        /** See {@link DriverConfig#injectorId()}. */
        public Builder injectorId(String v) {
            this.injectorId = v;
            return this;
        }

        /** See {@link DriverConfig#startAt()}. */
        public Builder startAt(StartAt v) {
            this.startAt = v;
            return this;
        }

        /** See {@link DriverConfig#insecure()}. */
        public Builder insecure(boolean v) {
            this.insecure = v;
            return this;
        }

        /** See {@link DriverConfig#trustCert()}. */
        public Builder trustCert(Path v) {
            this.trustCert = v;
            return this;
        }

        /** See {@link DriverConfig#ioThreads()}; 0 = min(connections, CPUs). */
        public Builder ioThreads(int v) {
            this.ioThreads = v;
            return this;
        }

        /** See {@link DriverConfig#payloadPoolSize()}. */
        public Builder payloadPoolSize(int v) {
            this.payloadPoolSize = v;
            return this;
        }

        /** See {@link DriverConfig#clockSamples()}. */
        public Builder clockSamples(int v) {
            this.clockSamples = v;
            return this;
        }

        /** See {@link DriverConfig#maxFramePayloadBytes()}. */
        public Builder maxFramePayloadBytes(int v) {
            this.maxFramePayloadBytes = v;
            return this;
        }

        /** See {@link DriverConfig#maxSendLagP99()}. */
        public Builder maxSendLagP99(Duration v) {
            this.maxSendLagP99 = v;
            return this;
        }

        /** See {@link DriverConfig#outDir()}. */
        public Builder outDir(Path v) {
            this.outDir = v;
            return this;
        }

        /** See {@link DriverConfig#quiet()}. */
        public Builder quiet(boolean v) {
            this.quiet = v;
            return this;
        }

        /** See {@link DriverConfig#verifyVersions()}. */
        public Builder verifyVersions(Path v) {
            this.verifyVersions = v;
            return this;
        }

        /** See {@link DriverConfig#reconnect()}. */
        public Builder reconnect(boolean v) {
            this.reconnect = v;
            return this;
        }

        /** See {@link DriverConfig#reconnectMaxBackoff()}. */
        public Builder reconnectMaxBackoff(Duration v) {
            this.reconnectMaxBackoff = v;
            return this;
        }

        /** Validates every field; the message of the {@link IllegalArgumentException} names the option. */
        public DriverConfig build() {
            require(url != null, "--url is required");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            require(scheme.equals("ws") || scheme.equals("wss"),
                    "--url must start with ws:// or wss://, not '" + url + "'");
            require(url.getHost() != null && !url.getHost().isEmpty(), "--url has no host: '" + url + "'");
            require(framing != null, "--framing is required");
            require(rateHz > 0 && Double.isFinite(rateHz), "--rate must be > 0 requests per second, not " + rateHz);
            require(rateHz <= 10_000_000, "--rate must be <= 10000000, not " + rateHz);
            require(arrival != null, "--arrival is required");
            requirePositive(duration, "--duration");
            requireNonNegative(warmup, "--warmup");
            require(connections >= 1 && connections <= 10_000, "--connections must be 1..10000, not " + connections);
            require(rows >= 1 && rows <= Protocol.MAX_ROWS, "--rows must be 1.." + Protocol.MAX_ROWS + ", not " + rows);
            require(features >= 0, "--features must be >= 1, not " + features);
            require((long) rows * Math.max(features, 1) <= Integer.MAX_VALUE / 16,
                    "--rows * --features is too large: " + (long) rows * features);
            requirePositive(timeout, "--timeout");
            require(interval.toMillis() >= 10, "--interval must be at least 10ms, not " + Durations.format(interval));
            requireNonNegative(minDuration, "--min-duration");
            require(minRequests >= 0, "--min-requests must be >= 0, not " + minRequests);
            require(verifyTolerance > 0, "--verify-tolerance must be > 0, not " + verifyTolerance);
            require(injectorId != null && injectorId.matches("[A-Za-z0-9._-]{1,64}"),
                    "--injector-id must be 1-64 letters, digits, '.', '_' or '-', not '" + injectorId + "'");
            require(ioThreads >= 0 && ioThreads <= 256, "--io-threads must be 0..256, not " + ioThreads);
            require(payloadPoolSize >= 1 && payloadPoolSize <= 1_000_000,
                    "--payload-pool must be 1..1000000, not " + payloadPoolSize);
            require(clockSamples >= 0 && clockSamples <= 100, "--clock-samples must be 0..100, not " + clockSamples);
            require(maxFramePayloadBytes >= 1024, "--max-frame-payload must be >= 1024, not " + maxFramePayloadBytes);
            requirePositive(maxSendLagP99, "--max-send-lag-p99");
            require(!(insecure && trustCert != null), "--insecure and --trust-cert exclude each other");
            require(!(verifyModel != null && verifyVersions != null),
                    "--verify-model and --verify-versions exclude each other");
            require(reconnectMaxBackoff != null && reconnectMaxBackoff.toMillis() >= 50
                    && reconnectMaxBackoff.toMillis() <= 60_000, "--reconnect-max-backoff must be 50ms..60s");
            return new DriverConfig(this);
        }

        private static void requirePositive(Duration d, String option) {
            require(d != null && !d.isNegative() && !d.isZero(), option + " must be > 0");
        }

        private static void requireNonNegative(Duration d, String option) {
            require(d != null && !d.isNegative(), option + " must be >= 0");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
