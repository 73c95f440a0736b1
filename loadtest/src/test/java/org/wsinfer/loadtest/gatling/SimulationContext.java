package org.wsinfer.loadtest.gatling;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.wsinfer.server.model.ModelException;

import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * What every simulation shares: the settings, the target server (started in {@code before()}, stopped in
 * {@code after()}), the payloads, the validator and the exchange builder.
 */
public final class SimulationContext implements AutoCloseable {
    /** Entries in the payload pool. */
    public static final int POOL_SIZE = 64;

    private final GatlingSettings settings;
    private final ServerTarget target;
    private final PredictExchanges exchanges;

    private SimulationContext(GatlingSettings settings, ServerTarget target, PredictExchanges exchanges) {
        this.settings = settings;
        this.target = target;
        this.exchanges = exchanges;
    }

    /** The context of the JVM's {@code wsinfer.*} system properties; prints the settings. */
    public static SimulationContext fromSystemProperties() {
        return of(GatlingSettings.fromSystemProperties());
    }

    /** The context of {@code settings}; loads the model directory, if any, but starts nothing. */
    public static SimulationContext of(GatlingSettings settings) {
        ServerTarget target;
        try {
            target = ServerTarget.of(settings);
        } catch (ModelException e) {
            throw new IllegalArgumentException(GatlingSettings.PREFIX + "modelDir: " + e.getMessage(), e);
        }
        PayloadPool pool = new PayloadPool(POOL_SIZE, settings.rows(), settings.features(), target.model());
        AnswerValidator validator = new AnswerValidator(pool, target.outputsPerRow(), settings.tolerance(),
                settings.checkValues());
        System.out.println("wsinfer: " + settings);
        return new SimulationContext(settings, target,
                new PredictExchanges(target, pool, validator, settings.answerTimeout()));
    }

    /** The settings. */
    public GatlingSettings settings() {
        return settings;
    }

    /** The exchange builder. */
    public PredictExchanges exchanges() {
        return exchanges;
    }

    /** The HTTP protocol the WebSocket actions run on (connections are absolute URLs chosen at run time). */
    public HttpProtocolBuilder httpProtocol() {
        return http.userAgentHeader("wsinfer-gatling");
    }

    /**
     * Starts the in-process server if there is one (call from {@code before()}); for {@code wss://} then checks the
     * server's certificate against {@code wsinfer.trustCert} (or the JDK's trust store) unless {@code wsinfer.insecure}.
     */
    public void start() {
        target.start();
        GatlingTls.checkServerCertificate(settings, target.uri());
    }

    /** Stops the in-process server if there is one (call from {@code after()}). */
    @Override
    public void close() {
        target.close();
    }
}
