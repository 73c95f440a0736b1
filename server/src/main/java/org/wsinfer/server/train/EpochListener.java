package org.wsinfer.server.train;

/** Receives the full-data mean squared error after each training epoch. */
@FunctionalInterface
public interface EpochListener {

    /** Called after epoch {@code epoch} (1-based) of {@code epochs}. */
    void epochDone(int epoch, int epochs, double lossMse);

    /** A listener that ignores every epoch. */
    static EpochListener none() {
        return (e, n, l) -> { };
    }
}
