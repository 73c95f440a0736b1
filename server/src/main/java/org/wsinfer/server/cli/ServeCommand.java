package org.wsinfer.server.cli;

import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.WsInferServer;
import org.wsinfer.server.model.DelayedModel;
import org.wsinfer.server.model.Model;
import org.wsinfer.server.model.ModelException;
import org.wsinfer.server.security.SecurityConfigException;
import org.wsinfer.server.security.TokenFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/** {@code serve}: maps options onto a {@link ServerConfig}, prints it, starts the server and runs until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve predictions over WebSocket (ws://HOST:PORT/ws) with /health, /v1/model and /metrics.")
public final class ServeCommand implements Callable<Integer> {
    /** Exit code for bad options or a bad model. */
    public static final int EXIT_USAGE = 2;
    /** Environment variable holding the handshake token when --auth-token-file is not given. */
    public static final String AUTH_TOKEN_ENV = "WSINFER_AUTH_TOKEN";
    /** Environment variable holding the admin token when --admin-token-file is not given. */
    public static final String ADMIN_TOKEN_ENV = "WSINFER_ADMIN_TOKEN";

    private static final ServerConfig DEFAULTS = ServerConfig.builder().build();

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host = DEFAULTS.host();

    @Option(names = "--port", description = "Port to bind, 0 = a free port (default: ${DEFAULT-VALUE}).")
    private int port = DEFAULTS.port();

    @Option(names = "--model", paramLabel = "DIR|echo",
            description = "Model directory (model.json, weights.npy, bias.npy), or 'echo' for the echo model."
                    + " Default: the embedded default model.")
    private String model;

    @Option(names = "--echo-dim", description = "Features per row of the echo model (default: ${DEFAULT-VALUE}).")
    private int echoDim = DEFAULTS.echoDim();

    @Option(names = "--io-threads", description = "Event-loop threads, 0 = Netty's default (default: ${DEFAULT-VALUE}).")
    private int ioThreads = DEFAULTS.ioThreads();

    @Option(names = "--inference-threads", description = "Inference threads (default: half the cores, at least 1 = ${DEFAULT-VALUE}).")
    private int inferenceThreads = DEFAULTS.inferenceThreads();

    @Option(names = "--queue-capacity", description = "Requests waiting for the model before OVERLOADED"
            + " (default: ${DEFAULT-VALUE}).")
    private int queueCapacity = DEFAULTS.queueCapacity();

    @Option(names = "--max-queued-elements", description = "Input values waiting for the model before OVERLOADED"
            + " (default: ${DEFAULT-VALUE}).")
    private long maxQueuedElements = DEFAULTS.maxQueuedElements();

    @Option(names = "--batching", paramLabel = "on|off", description = "Dynamic batching; off = --max-batch-rows 0"
            + " (default: on).")
    private String batching = "on";

    @Option(names = "--max-batch-rows", description = "Largest rows of one model call, 0 = batching off"
            + " (default: ${DEFAULT-VALUE}).")
    private int maxBatchRows = DEFAULTS.maxBatchRows();

    @Option(names = {"--max-queue-delay-us", "--max-queue-delay"}, paramLabel = "US",
            description = "How long the oldest request of a batch may wait for more, in us (default: ${DEFAULT-VALUE}).")
    private long maxQueueDelayUs = DEFAULTS.maxQueueDelayUs();

    @Option(names = "--max-frame-payload-bytes", description = "Largest WebSocket message, bigger: close 1009"
            + " (default: ${DEFAULT-VALUE}).")
    private int maxFramePayloadBytes = DEFAULTS.maxFramePayloadBytes();

    @Option(names = "--max-elements", description = "Largest rows*cols of one request, bigger: TOO_LARGE"
            + " (default: ${DEFAULT-VALUE}).")
    private int maxElements = DEFAULTS.maxElements();

    @Option(names = "--max-connections", description = "Largest number of WebSockets, beyond: HTTP 503"
            + " (default: ${DEFAULT-VALUE}).")
    private int maxConnections = DEFAULTS.maxConnections();

    @Option(names = "--idle-timeout-ms", description = "Close idle connections after this long (default: ${DEFAULT-VALUE}).")
    private long idleTimeoutMs = DEFAULTS.idleTimeoutMs();

    @Option(names = "--max-in-flight-per-connection", description = "Unanswered requests per connection before"
            + " OVERLOADED (default: ${DEFAULT-VALUE}).")
    private int maxInFlightPerConnection = DEFAULTS.maxInFlightPerConnection();

    @Option(names = "--drain-timeout-ms", description = "Graceful shutdown: wait this long for accepted requests"
            + " (default: ${DEFAULT-VALUE}).")
    private long drainTimeoutMs = DEFAULTS.drainTimeoutMs();

    @Option(names = "--backlog", description = "Listen backlog (default: ${DEFAULT-VALUE}).")
    private int backlog = DEFAULTS.backlog();

    @Option(names = "--write-buffer-low-bytes", description = "Resume reading below this many pending outbound bytes"
            + " (default: ${DEFAULT-VALUE}).")
    private int writeBufferLowBytes = DEFAULTS.writeBufferLowBytes();

    @Option(names = "--write-buffer-high-bytes", description = "Stop reading above this many pending outbound bytes"
            + " (default: ${DEFAULT-VALUE}).")
    private int writeBufferHighBytes = DEFAULTS.writeBufferHighBytes();

    @Option(names = "--calibration-delay-us", paramLabel = "US",
            description = "Add this many microseconds to every model call of the loaded model: a known regression"
                    + " for calibrating the harness (default: 0, off).")
    private long calibrationDelayUs;

    @Option(names = "--native-transport", negatable = true, fallbackValue = "true",
            description = "Use native epoll when available (default: ${DEFAULT-VALUE}).")
    private boolean nativeTransport = DEFAULTS.nativeTransport();

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve wss:// with this PEM certificate chain"
            + " (leaf first); needs --tls-key.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Unencrypted PKCS#8 PEM private key of --tls-cert.")
    private Path tlsKey;

    @Option(names = "--auth-token-file", paramLabel = "FILE", description = "The WebSocket handshake must carry"
            + " 'Authorization: Bearer <the token in FILE>' (else 401). Default: env " + AUTH_TOKEN_ENV
            + " if set, else no token.")
    private Path authTokenFile;

    @Option(names = "--admin-token-file", paramLabel = "FILE", description = "POST /v1/model/reload and /rollback"
            + " must carry 'Authorization: Bearer <the token in FILE>' (else 401). Default: env " + ADMIN_TOKEN_ENV
            + " if set, else no token.")
    private Path adminTokenFile;

    @Option(names = "--allowed-origins", split = ",", paramLabel = "ORIGIN",
            description = "Origins a handshake may come from, e.g. https://app.example (else 403; a handshake"
                    + " without Origin passes). Default: any.")
    private List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--max-connections-per-address", description = "TCP connections per remote address, beyond:"
            + " HTTP 503 and close; 0 = no limit (default: ${DEFAULT-VALUE}).")
    private int maxConnectionsPerAddress = DEFAULTS.maxConnectionsPerAddress();

    @Option(names = "--watch", description = "Watch the --model directory: when model.json, weights.npy or bias.npy"
            + " change, reload and hot-swap (bad or unbumped states are refused and logged).")
    private boolean watch;

    /** Environment lookup of the token variables (replaced in tests). */
    UnaryOperator<String> env = System::getenv;

    /** Maps the options onto a validated configuration; {@link IllegalArgumentException} names the bad option. */
    ServerConfig toConfig() {
        boolean echo = "echo".equals(model);
        Path modelDir = model == null || echo ? null : Path.of(model);
        int rows = switch (batching.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> maxBatchRows;
            case "off", "false" -> 0;
            default -> throw new IllegalArgumentException("--batching must be on or off, not '" + batching + "'");
        };
        return ServerConfig.builder()
                .host(host).port(port).modelDir(modelDir).echo(echo).echoDim(echoDim)
                .ioThreads(ioThreads).inferenceThreads(inferenceThreads)
                .queueCapacity(queueCapacity).maxQueuedElements(maxQueuedElements)
                .maxBatchRows(rows).maxQueueDelayUs(maxQueueDelayUs)
                .maxFramePayloadBytes(maxFramePayloadBytes).maxElements(maxElements)
                .maxConnections(maxConnections).idleTimeoutMs(idleTimeoutMs)
                .maxInFlightPerConnection(maxInFlightPerConnection).drainTimeoutMs(drainTimeoutMs)
                .backlog(backlog).writeBufferLowBytes(writeBufferLowBytes).writeBufferHighBytes(writeBufferHighBytes)
                .nativeTransport(nativeTransport)
                .tlsCert(tlsCert).tlsKey(tlsKey)
                .authToken(token(authTokenFile, "--auth-token-file", AUTH_TOKEN_ENV))
                .adminToken(token(adminTokenFile, "--admin-token-file", ADMIN_TOKEN_ENV))
                .allowedOrigins(allowedOrigins).maxConnectionsPerAddress(maxConnectionsPerAddress)
                .watchModel(watch)
                .build();
    }

    /** The token of {@code file}, else of the environment variable, else none; the file's problem names the file. */
    private String token(Path file, String option, String variable) {
        if (file != null) {
            try {
                return TokenFiles.read(file, option);
            } catch (SecurityConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        String value = env.apply(variable);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = toConfig();
        } catch (IllegalArgumentException e) {
            err.println("serve: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        out.println("config " + config);
        out.flush();
        Model loaded;
        try {
            loaded = WsInferServer.loadModel(config);
        } catch (ModelException e) {
            err.println("serve: bad model: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        if (calibrationDelayUs < 0) {
            err.println("serve: --calibration-delay-us must be >= 0, not " + calibrationDelayUs);
            err.flush();
            return EXIT_USAGE;
        }
        if (calibrationDelayUs > 0) {
            loaded = new DelayedModel(loaded, TimeUnit.MICROSECONDS.toNanos(calibrationDelayUs));
            err.println("serve: calibration delay of " + calibrationDelayUs + " us added to every model call");
            err.flush();
        }
        WsInferServer server;
        try {
            server = WsInferServer.start(config, loaded);
        } catch (SecurityConfigException e) {
            err.println("serve: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        } catch (Exception e) {
            err.println("serve: cannot start: " + e);
            err.flush();
            return 1;
        }
        Thread hook = new Thread(() -> {
            int status = 1;
            try {
                server.close();
                status = 0;
            } finally {
                // a JVM stopped by SIGTERM would exit 143: a completed graceful drain is a clean exit
                Runtime.getRuntime().halt(status);
            }
        }, "wsinfer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("listening on " + server.wsUri());
        out.flush();
        server.awaitStopped(Long.MAX_VALUE);
        return 0;
    }
}
