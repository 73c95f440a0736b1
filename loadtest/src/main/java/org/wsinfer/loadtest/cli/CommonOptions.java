package org.wsinfer.loadtest.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.config.StartAt;
import org.wsinfer.loadtest.schedule.Arrival;
import picocli.CommandLine.Option;

/** The options every {@code drive} run shares, whether run alone or by {@code capacity} and {@code sweep}. */
final class CommonOptions {
    @Option(names = "--url", description = "WebSocket endpoint, ws://HOST:PORT/ws or wss://... (default: ${DEFAULT-VALUE})",
            defaultValue = "ws://127.0.0.1:8080/ws")
    String url;

    @Option(names = "--arrival", description = "constant or poisson (default: ${DEFAULT-VALUE})", defaultValue = "constant",
            converter = Converters.ArrivalConverter.class)
    Arrival arrival;

    @Option(names = "--seed", description = "seed of the Poisson gaps and random inputs (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    long seed;

    @Option(names = "--duration", description = "measured phase, e.g. 30s (default: ${DEFAULT-VALUE})", defaultValue = "10s",
            converter = Converters.DurationConverter.class)
    Duration duration;

    @Option(names = "--warmup", description = "warm-up before it, sent and answered but not recorded (default: ${DEFAULT-VALUE})",
            defaultValue = "2s", converter = Converters.DurationConverter.class)
    Duration warmup;

    @Option(names = "--connections", description = "WebSocket connections (default: ${DEFAULT-VALUE})", defaultValue = "4")
    int connections;

    @Option(names = "--rows", description = "rows per request (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int rows;

    @Option(names = "--inputs", description = "random or FILE.csv (one row per line) (default: ${DEFAULT-VALUE})",
            defaultValue = "random")
    String inputs;

    @Option(names = "--timeout", description = "per request (default: ${DEFAULT-VALUE})", defaultValue = "5s",
            converter = Converters.DurationConverter.class)
    Duration timeout;

    @Option(names = "--interval", description = "log and progress interval (default: ${DEFAULT-VALUE})", defaultValue = "1s",
            converter = Converters.DurationConverter.class)
    Duration interval;

    @Option(names = "--min-duration", description = "shorter measured phases are invalid (default: ${DEFAULT-VALUE})",
            defaultValue = "5s", converter = Converters.DurationConverter.class)
    Duration minDuration;

    @Option(names = "--min-requests", description = "fewer measured requests are invalid (default: ${DEFAULT-VALUE})",
            defaultValue = "1000")
    long minRequests;

    @Option(names = "--max-send-lag-p99", description = "a larger send-lag p99 means the driver fell behind (default: ${DEFAULT-VALUE})",
            defaultValue = "1ms", converter = Converters.DurationConverter.class)
    Duration maxSendLagP99;

    @Option(names = "--verify-model", description = "accuracy mode: check every answer against x*W+b of this model folder")
    Path verifyModel;

    @Option(names = "--verify-tolerance", description = "largest |got-want|/max(1,|want|) (default: ${DEFAULT-VALUE})",
            defaultValue = "1e-3")
    double verifyTolerance;

    @Option(names = "--start-at", description = "shared wall-clock start: 2026-12-04T10:00:00Z or +30s",
            converter = Converters.StartAtConverter.class)
    StartAt startAt;

    @Option(names = "--injector-id", description = "this injector's name in the log and summary (default: ${DEFAULT-VALUE})",
            defaultValue = "local")
    String injectorId;

    @Option(names = "--insecure", description = "wss://: trust any server certificate")
    boolean insecure;

    @Option(names = "--trust-cert", description = "wss://: PEM file of the certificate(s) to trust")
    Path trustCert;

    @Option(names = "--io-threads", description = "client event-loop threads (default: min(connections, CPUs))",
            defaultValue = "0")
    int ioThreads;

    @Option(names = "--payload-pool", description = "distinct random payloads (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int payloadPool;

    @Option(names = "--clock-samples", description = "GET /health round trips for the clock check (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int clockSamples;

    @Option(names = "--max-frame-payload", description = "largest answer frame accepted, bytes (default: ${DEFAULT-VALUE})",
            defaultValue = "67108864")
    int maxFramePayload;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Option(names = "--verify-versions", description = "accuracy mode across hot swaps: a folder of model folders;"
            + " each answer is checked against the one whose model.json version is the answer's model_version")
    Path verifyVersions;

    @Option(names = "--reconnect", description = "reopen a connection that closes during the run (backoff from 50ms,"
            + " doubling); requests due while no connection is open count as lost (counts.notSent)")
    boolean reconnect;

    @Option(names = "--reconnect-max-backoff", description = "longest wait between reconnection attempts"
            + " (default: ${DEFAULT-VALUE})", defaultValue = "1s", converter = Converters.DurationConverter.class)
    Duration reconnectMaxBackoff;

    /** A builder holding these options. */
    DriverConfig.Builder toBuilder() {
        return DriverConfig.builder()
                .url(url)
                .arrival(arrival)
                .seed(seed)
                .duration(duration)
                .warmup(warmup)
                .connections(connections)
                .rows(rows)
                .inputsCsv("random".equals(inputs) ? null : Path.of(inputs))
                .timeout(timeout)
                .interval(interval)
                .minDuration(minDuration)
                .minRequests(minRequests)
                .maxSendLagP99(maxSendLagP99)
                .verifyModel(verifyModel)
                .verifyTolerance(verifyTolerance)
                .startAt(startAt)
                .injectorId(injectorId)
                .insecure(insecure)
                .trustCert(trustCert)
                .ioThreads(ioThreads)
                .payloadPoolSize(payloadPool)
                .clockSamples(clockSamples)
                .maxFramePayloadBytes(maxFramePayload)
                .quiet(quiet)
                .verifyVersions(verifyVersions)
                .reconnect(reconnect)
                .reconnectMaxBackoff(reconnectMaxBackoff);
    }
}
