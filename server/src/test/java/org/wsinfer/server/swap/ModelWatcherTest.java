package org.wsinfer.server.swap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.model.ModelDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --watch: a settled change of the model files reloads; a bad or unbumped state is refused and the model stays. */
class ModelWatcherTest {
    @TempDir
    Path tmp;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void changedFilesAreReloadedAfterTheDebounceAndBadStatesAreRefused() throws Exception {
        Path dir = SwapFixtures.write(tmp.resolve("model"), 1, 4, 1);
        ModelHolder holder = new ModelHolder(ModelDirectory.load(dir), Clock.systemUTC());
        ModelRegistry registry = new ModelRegistry(holder, dir, ModelLoader.DIRECTORY);
        try (ModelSwapper swapper = new ModelSwapper(registry, new SimpleMeterRegistry());
             ModelWatcher watcher = ModelWatcher.start(dir, swapper, 300)) {
            SwapFixtures.write(dir, 2, 4, 1);
            // the watcher counts its reload after the swap: wait for both, then check nothing reloaded twice
            await(() -> holder.model().version() == 2 && watcher.reloads() >= 1, "version 2 served");
            assertEquals(1, watcher.reloads(), "the three file writes settled into one reload");

            // a half-written state: model.json says input_dim 4, weights.npy is garbage
            Files.write(dir.resolve(ModelDirectory.WEIGHTS_NPY), new byte[] {0, 1, 2});
            await(() -> watcher.refusals() >= 1, "the bad state refused");
            assertEquals(2, holder.model().version(), "the old model stays");

            // new weights under the same version: refused (bump the version to publish)
            SwapFixtures.write(dir, 2, 4, 1);
            await(() -> watcher.refusals() >= 2, "the unbumped version refused");
            assertEquals(2, holder.model().version());

            SwapFixtures.write(dir, 3, 4, 1);
            await(() -> holder.model().version() == 3, "version 3 served");
            assertEquals(2, registry.previous().orElseThrow().version(), "previous is v2");
        }
    }
}
