package org.wsinfer.server.swap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.wsinfer.server.inference.ModelHolder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs reloads and rollbacks of a {@link ModelRegistry} one at a time on its own thread, so that loading and
 * validating a model never blocks an event loop; counts them in {@code wsinfer_model_swaps_total{outcome}} and
 * shows the served version in {@code wsinfer_model_version}.
 */
public final class ModelSwapper implements AutoCloseable {
    /** What a swap call may do. */
    @FunctionalInterface
    private interface Swap {
        ModelHolder.Loaded run() throws SwapRefusedException;
    }

    private final ModelRegistry registry;
    private final ExecutorService executor;
    private final Counter swapped;
    private final Counter refused;

    /** A swapper of {@code registry}, registering its meters in {@code meters}. */
    public ModelSwapper(ModelRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wsinfer-model-swap");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("wsinfer.model.version", registry, r -> r.current().model().version())
                .description("model_version of the served model").register(meters);
        this.swapped = Counter.builder("wsinfer.model.swaps").tag("outcome", "swapped")
                .description("reloads and rollbacks by outcome").register(meters);
        this.refused = Counter.builder("wsinfer.model.swaps").tag("outcome", "refused")
                .description("reloads and rollbacks by outcome").register(meters);
    }

    /** The registry swapped. */
    public ModelRegistry registry() {
        return registry;
    }

    /** Reloads on the swap thread; completes with the served model, or exceptionally with a {@link SwapRefusedException}. */
    public CompletableFuture<ModelHolder.Loaded> reload(ReloadRequest request) {
        return submit(() -> registry.reload(request));
    }

    /** Rolls back on the swap thread; completes like {@link #reload}. */
    public CompletableFuture<ModelHolder.Loaded> rollback() {
        return submit(registry::rollback);
    }

    private CompletableFuture<ModelHolder.Loaded> submit(Swap swap) {
        CompletableFuture<ModelHolder.Loaded> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    ModelHolder.Loaded loaded = swap.run();
                    swapped.increment();
                    f.complete(loaded);
                } catch (SwapRefusedException e) {
                    refused.increment();
                    f.completeExceptionally(e);
                } catch (RuntimeException | Error e) {
                    refused.increment();
                    f.completeExceptionally(new SwapRefusedException(500, "swap failed: " + e, e));
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new SwapRefusedException(SwapRefusedException.UNAVAILABLE,
                    "the server is shutting down"));
        }
        return f;
    }

    /** Refuses new swaps and waits (up to 10 s) for the one under way. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
