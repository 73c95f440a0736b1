package org.wsinfer.server.swap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.model.Model;
import org.wsinfer.server.model.ModelException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The current and the previous served model with their directories: reload validates a new model completely
 * (files, shapes, finite values, a warm-up prediction, the input_dim and version rules) before one atomic
 * {@link ModelHolder#swap}; rollback swaps back to the previous model. A refused swap leaves everything as it was.
 *
 * <p>Rules: a reload without a directory reloads the served model's directory (409 when the served model is the
 * embedded default, echo, or was given in-process); a new input_dim is refused (409) unless forced, because
 * requests already accepted were checked against the old one; the version already served is refused (409) unless
 * forced, so that a {@code model_version} names one set of weights. Rollback goes to the model replaced last, and
 * the model rolled back from becomes the previous one (a second rollback undoes the first).
 *
 * <p>Thread-safe; swaps are serialised (callers run them off the event loop, see {@link ModelSwapper}).
 */
public final class ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    /** A model with the directory it came from ({@code null}: not from a directory). */
    private record Served(Model model, Path dir) {
    }

    private final ModelHolder holder;
    private final ModelLoader loader;
    private Path currentDir;
    private Served previous;

    /** A registry of the model in {@code holder}, loaded from {@code currentDir} ({@code null}: not a directory). */
    public ModelRegistry(ModelHolder holder, Path currentDir, ModelLoader loader) {
        this.holder = Objects.requireNonNull(holder, "holder");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.currentDir = currentDir;
    }

    /** The served model and its load time. */
    public ModelHolder.Loaded current() {
        return holder.loaded();
    }

    /** The directory of the served model, if it came from one. */
    public synchronized Optional<Path> currentDir() {
        return Optional.ofNullable(currentDir);
    }

    /** The model a rollback would return to. */
    public synchronized Optional<Model> previous() {
        return previous == null ? Optional.empty() : Optional.of(previous.model());
    }

    /** Loads, validates and warms the model {@code request} names, then swaps it in; the old one becomes previous. */
    public synchronized ModelHolder.Loaded reload(ReloadRequest request) throws SwapRefusedException {
        Path dir = request.dir() != null ? request.dir() : currentDir;
        Model serving = holder.model();
        if (dir == null) {
            throw new SwapRefusedException(SwapRefusedException.CONFLICT, String.format(Locale.US,
                    "the served model %s v%d is not from a model directory (embedded default, echo or in-process);"
                            + " name one: {\"dir\":\"/path/to/model\"}", serving.name(), serving.version()));
        }
        Model next;
        try {
            next = loader.load(dir);
        } catch (ModelException e) {
            throw new SwapRefusedException(SwapRefusedException.UNPROCESSABLE, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SwapRefusedException(SwapRefusedException.UNPROCESSABLE, dir + ": cannot load: " + e, e);
        }
        if (next.inputDim() != serving.inputDim() && !request.force()) {
            throw new SwapRefusedException(SwapRefusedException.CONFLICT, String.format(Locale.US,
                    "%s: input_dim %d differs from the served model's %d; requests in flight were checked against %d"
                            + " (reload with ?force=true to swap anyway)", dir, next.inputDim(), serving.inputDim(),
                    serving.inputDim()));
        }
        if (next.version() == serving.version() && !request.force()) {
            throw new SwapRefusedException(SwapRefusedException.CONFLICT, String.format(Locale.US,
                    "%s: version %d is already being served; bump \"version\" in model.json"
                            + " (or reload with ?force=true)", dir, next.version()));
        }
        warmUp(dir, next);
        Model old = holder.swap(next);
        previous = new Served(old, currentDir);
        currentDir = dir;
        LOG.info("model swapped: {} v{} -> {} v{} from {} (input_dim {}, output_dim {})", old.name(), old.version(),
                next.name(), next.version(), dir, next.inputDim(), next.outputDim());
        return holder.loaded();
    }

    /** Swaps the previous model back in; the model rolled back from becomes the previous one. */
    public synchronized ModelHolder.Loaded rollback() throws SwapRefusedException {
        if (previous == null) {
            Model serving = holder.model();
            throw new SwapRefusedException(SwapRefusedException.CONFLICT, String.format(Locale.US,
                    "no previous model to roll back to (serving %s v%d since start)", serving.name(),
                    serving.version()));
        }
        Served back = previous;
        Model old = holder.swap(back.model());
        previous = new Served(old, currentDir);
        currentDir = back.dir();
        LOG.info("model rolled back: {} v{} -> {} v{}", old.name(), old.version(), back.model().name(),
                back.model().version());
        return holder.loaded();
    }

    /** One prediction of a zero row before the swap: a model that throws or answers NaN is refused. */
    private static void warmUp(Path dir, Model next) throws SwapRefusedException {
        float[] out = new float[next.outputDim()];
        try {
            next.predict(new float[next.inputDim()], 1, out);
        } catch (RuntimeException | LinkageError e) {
            throw new SwapRefusedException(SwapRefusedException.UNPROCESSABLE,
                    dir + ": the warm-up prediction failed: " + e, e);
        }
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                throw new SwapRefusedException(SwapRefusedException.UNPROCESSABLE, String.format(Locale.US,
                        "%s: the warm-up prediction of a zero row gave output[%d] = %s", dir, i, out[i]));
            }
        }
    }
}
