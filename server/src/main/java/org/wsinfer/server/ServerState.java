package org.wsinfer.server;

/** The server's life cycle phase, read by /health and by the prediction handler. */
public final class ServerState {
    /** The phases, in order. */
    public enum Phase {
        /** Loading the model and binding; /health answers 503. */
        STARTING,
        /** Serving requests; /health answers 200. */
        SERVING,
        /** Answering what was accepted, refusing new requests (UNAVAILABLE); /health answers 503. */
        DRAINING,
        /** Stopped. */
        STOPPED
    }

    private volatile Phase phase = Phase.STARTING;

    /** The current phase. */
    public Phase phase() {
        return phase;
    }

    /** Whether new requests are accepted. */
    public boolean serving() {
        return phase == Phase.SERVING;
    }

    /** Moves to {@code next}. */
    public void set(Phase next) {
        phase = next;
    }
}
