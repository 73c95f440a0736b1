package org.wsinfer.loadtest.gatling;

import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.WsInferServer;
import org.wsinfer.server.model.ModelException;

import java.net.URI;

/**
 * The server a simulation loads: the external one {@code wsinfer.url} names, or the reference server started
 * in-process on a free loopback port by {@link #start()} (from the simulation's {@code before()}) and stopped by
 * {@link #close()} (from {@code after()}); also knows which model the server serves, when that can be known.
 */
public final class ServerTarget implements AutoCloseable {
    private final GatlingSettings settings;
    private final ReferenceModel model;
    private volatile WsInferServer server;
    private volatile URI uri;

    private ServerTarget(GatlingSettings settings, ReferenceModel model) {
        this.settings = settings;
        this.model = model;
        this.uri = settings.url();
    }

    /** Prepares the target of {@code settings}; loads the model directory (if any) but starts nothing yet. */
    public static ServerTarget of(GatlingSettings settings) throws ModelException {
        ReferenceModel model;
        if (settings.modelDir() != null) {
            model = ReferenceModel.load(settings.modelDir());
        } else if (!settings.inProcessServer()) {
            model = null;
        } else if (settings.echo()) {
            model = ReferenceModel.echo(settings.features());
        } else {
            model = ReferenceModel.embeddedDefault();
        }
        return new ServerTarget(settings, model);
    }

    /** The model the server serves, or {@code null} for an external server without {@code wsinfer.modelDir}. */
    public ReferenceModel model() {
        return model;
    }

    /** Outputs per row the answers must carry. */
    public int outputsPerRow() {
        return model == null ? settings.outputs() : model.outputDim();
    }

    /** Starts the in-process reference server (nothing for an external one); returns once it listens. */
    public synchronized void start() {
        if (!settings.inProcessServer() || server != null) {
            return;
        }
        ServerConfig config = ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .modelDir(settings.modelDir())
                .echo(settings.echo())
                .echoDim(settings.features())
                .tlsCert(settings.tlsCert())
                .tlsKey(settings.tlsKey())
                .build();
        try {
            server = WsInferServer.start(config);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process reference server with " + config, e);
        }
        uri = server.wsUri();
        System.out.println("wsinfer: started the in-process reference server on " + uri + " serving " + model);
    }

    /** Where the users connect; valid once {@link #start()} has returned. */
    public URI uri() {
        URI u = uri;
        if (u == null) {
            throw new IllegalStateException("the in-process server has not been started (before() not run?)");
        }
        return u;
    }

    /** Stops the in-process server (gracefully); idempotent; nothing for an external server. */
    @Override
    public synchronized void close() {
        WsInferServer s = server;
        if (s != null) {
            server = null;
            s.close();
            System.out.println("wsinfer: stopped the in-process reference server on " + uri);
        }
    }
}
