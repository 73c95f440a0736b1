package org.wsinfer.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.Framing;
import org.wsinfer.server.inference.BatchObserver;
import org.wsinfer.server.inference.BatchStats;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The server's Micrometer meters, scraped as Prometheus text. Every hot-path meter is registered once up front
 * (arrays indexed by framing, outcome and error code), so counting a request is a field read and an add.
 */
public final class ServerMetrics implements BatchObserver, AutoCloseable {
    private static final String[] OUTCOMES = {"ok", "error"};

    private final PrometheusMeterRegistry registry;
    private final Counter[][] requests = new Counter[Framing.values().length][OUTCOMES.length];
    private final Counter[] errors = new Counter[ErrorCode.values().length];
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger openWebSockets = new AtomicInteger();
    private final Timer inference;
    private final Timer queueWait;
    private final DistributionSummary batchRows;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    /** Registers every meter; {@code queueDepth} reports the jobs waiting for the model. */
    public ServerMetrics(IntSupplier queueDepth) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (Framing f : Framing.values()) {
            for (int o = 0; o < OUTCOMES.length; o++) {
                requests[f.ordinal()][o] = Counter.builder("wsinfer.requests")
                        .description("Requests answered, by framing and outcome")
                        .tag("framing", f.label()).tag("outcome", OUTCOMES[o]).register(registry);
            }
        }
        for (ErrorCode c : ErrorCode.values()) {
            errors[c.ordinal()] = Counter.builder("wsinfer.errors")
                    .description("Error answers, by error code").tag("code", c.name()).register(registry);
        }
        Gauge.builder("wsinfer.in.flight", inFlight, AtomicInteger::get)
                .description("Accepted requests not yet answered").register(registry);
        Gauge.builder("wsinfer.connections.open", openConnections, AtomicInteger::get)
                .description("Open TCP connections").register(registry);
        Gauge.builder("wsinfer.websockets.open", openWebSockets, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        Gauge.builder("wsinfer.queue.depth", queueDepth, IntSupplier::getAsInt)
                .description("Requests waiting for the model").register(registry);
        inference = Timer.builder("wsinfer.inference")
                .description("Duration of one model call (one batch)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        queueWait = Timer.builder("wsinfer.queue.wait")
                .description("Time from frame decoded to the start of the request's model call")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        batchRows = DistributionSummary.builder("wsinfer.batch.rows")
                .description("Rows per model call")
                .baseUnit("rows")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384, 65535)
                .register(registry);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            FunctionCounter.builder("wsinfer.process.cpu", sun,
                            b -> b.getProcessCpuTime() / (double) TimeUnit.SECONDS.toNanos(1))
                    .description("CPU time used by the server process")
                    .baseUnit("seconds")
                    .register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Counts one answer written to a client. */
    public void answered(Framing framing, Answer answer) {
        if (answer instanceof ErrorAnswer e) {
            requests[framing.ordinal()][1].increment();
            errors[e.code().ordinal()].increment();
        } else {
            requests[framing.ordinal()][0].increment();
        }
    }

    /** A request was accepted for inference. */
    public void accepted() {
        inFlight.incrementAndGet();
    }

    /** An accepted request was answered (or its connection was gone). */
    public void finished() {
        inFlight.decrementAndGet();
    }

    /** Accepted requests not yet answered, over all connections. */
    public int inFlight() {
        return inFlight.get();
    }

    /** A TCP connection opened. */
    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    /** A TCP connection closed. */
    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    /** Open TCP connections. */
    public int openConnections() {
        return openConnections.get();
    }

    /** Tries to take one of {@code max} WebSocket slots; false when all are taken. */
    public boolean tryOpenWebSocket(int max) {
        while (true) {
            int now = openWebSockets.get();
            if (now >= max) {
                return false;
            }
            if (openWebSockets.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a WebSocket slot. */
    public void webSocketClosed() {
        openWebSockets.decrementAndGet();
    }

    @Override
    public void batch(BatchStats stats) {
        inference.record(stats.computeNs(), TimeUnit.NANOSECONDS);
        batchRows.record(stats.rows());
    }

    @Override
    public void queued(long queueNs) {
        queueWait.record(queueNs, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The underlying registry (for tests and extra binders). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
