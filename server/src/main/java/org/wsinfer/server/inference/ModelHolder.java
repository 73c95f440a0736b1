package org.wsinfer.server.inference;

import org.wsinfer.server.model.Model;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** Holds the served model; read once per batch, so a swap is atomic and batches already formed finish on the old one. */
public final class ModelHolder {
    /** A model with the instant it was loaded. */
    public record Loaded(Model model, Instant loadedAt) {
        /** Rejects nulls. */
        public Loaded {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(loadedAt, "loadedAt");
        }
    }

    private final AtomicReference<Loaded> current;
    private final Clock clock;

    /** Holds {@code model}, loaded now by {@code clock}. */
    public ModelHolder(Model model, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new AtomicReference<>(new Loaded(model, clock.instant()));
    }

    /** The model to use for the next batch. */
    public Model model() {
        return current.get().model();
    }

    /** The model and its load time, read together. */
    public Loaded loaded() {
        return current.get();
    }

    /** Replaces the model atomically and returns the previous one. */
    public Model swap(Model next) {
        return current.getAndSet(new Loaded(next, clock.instant())).model();
    }
}
