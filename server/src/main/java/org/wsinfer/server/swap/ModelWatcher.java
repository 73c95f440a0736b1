package org.wsinfer.server.swap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.model.Model;
import org.wsinfer.server.model.ModelDirectory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code serve --watch}: a {@link WatchService} on the model directory; when {@code model.json},
 * {@code weights.npy} or {@code bias.npy} is created, changed or deleted, waits until the directory has been quiet
 * for the debounce time, then reloads it through the {@link ModelSwapper}. A bad or half-written state is refused
 * and logged (the served model stays), never fatal.
 */
public final class ModelWatcher implements AutoCloseable {
    /** Default quiet time before a reload. */
    public static final long DEFAULT_DEBOUNCE_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);
    private static final Set<String> MODEL_FILES = Set.of(ModelDirectory.MODEL_JSON, ModelDirectory.WEIGHTS_NPY,
            ModelDirectory.BIAS_NPY);

    private final Path dir;
    private final ModelSwapper swapper;
    private final long debounceNs;
    private final WatchService watch;
    private final Thread thread;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private volatile boolean closed;

    private ModelWatcher(Path dir, ModelSwapper swapper, long debounceMs) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.swapper = swapper;
        this.debounceNs = TimeUnit.MILLISECONDS.toNanos(debounceMs);
        this.watch = FileSystems.getDefault().newWatchService();
        try {
            this.dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw e;
        }
        this.thread = new Thread(this::loop, "wsinfer-model-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code dir}; each settled change reloads it through {@code swapper}. */
    public static ModelWatcher start(Path dir, ModelSwapper swapper, long debounceMs) throws IOException {
        if (debounceMs < 0) {
            throw new IllegalArgumentException("debounceMs must be >= 0, not " + debounceMs);
        }
        ModelWatcher w = new ModelWatcher(dir, swapper, debounceMs);
        w.thread.start();
        LOG.info("watching {} for model changes (debounce {} ms)", w.dir, debounceMs);
        return w;
    }

    /** The watched directory. */
    public Path dir() {
        return dir;
    }

    /** Reloads that swapped the model. */
    public long reloads() {
        return reloads.get();
    }

    /** Reloads that were refused (the served model stayed). */
    public long refusals() {
        return refusals.get();
    }

    private void loop() {
        long dueNs = 0;
        boolean pending = false;
        try {
            while (!closed) {
                WatchKey key;
                if (pending) {
                    long waitNs = dueNs - System.nanoTime();
                    key = waitNs > 0 ? watch.poll(waitNs, TimeUnit.NANOSECONDS) : null;
                } else {
                    key = watch.take();
                }
                if (key != null) {
                    if (relevant(key)) {
                        pending = true;
                        dueNs = System.nanoTime() + debounceNs;
                    }
                    if (!key.reset()) {
                        LOG.warn("{} can no longer be watched (deleted?); --watch stops", dir);
                        return;
                    }
                    continue;
                }
                pending = false;
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private static boolean relevant(WatchKey key) {
        boolean any = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                any = true;
            } else if (e.context() instanceof Path p && MODEL_FILES.contains(p.getFileName().toString())) {
                any = true;
            }
        }
        return any;
    }

    private void reload() throws InterruptedException {
        try {
            ModelHolder.Loaded loaded = swapper.reload(new ReloadRequest(dir, false)).get();
            reloads.incrementAndGet();
            Model m = loaded.model();
            LOG.info("watch: {} changed; now serving {} v{}", dir, m.name(), m.version());
        } catch (ExecutionException e) {
            refusals.incrementAndGet();
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : e.getCause();
            Model m = swapper.registry().current().model();
            LOG.warn("watch: refused the model in {}: {} (still serving {} v{})", dir,
                    cause == null ? e.toString() : cause.getMessage(), m.name(), m.version());
        }
    }

    /** Stops watching. */
    @Override
    public void close() {
        closed = true;
        try {
            watch.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
