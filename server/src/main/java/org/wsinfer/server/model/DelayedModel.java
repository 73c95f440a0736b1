package org.wsinfer.server.model;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A model that answers like another one but takes at least a fixed extra time per call: a known regression with which
 * to calibrate the harness (a comparison must flag it, a report must show it as compute time).
 */
public final class DelayedModel implements Model {
    private final Model delegate;
    private final long delayNs;

    /** Wraps {@code delegate}, adding {@code delayNs} (> 0) to every {@link #predict} call. */
    public DelayedModel(Model delegate, long delayNs) {
        if (delayNs <= 0) {
            throw new IllegalArgumentException("delayNs must be > 0, not " + delayNs);
        }
        this.delegate = delegate;
        this.delayNs = delayNs;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int version() {
        return delegate.version();
    }

    @Override
    public int inputDim() {
        return delegate.inputDim();
    }

    @Override
    public int outputDim() {
        return delegate.outputDim();
    }

    @Override
    public void predict(float[] inputs, int rows, float[] outputs) {
        long deadline = System.nanoTime() + delayNs;
        delegate.predict(inputs, rows, outputs);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void predictBlocks(List<float[]> blocks, int rows, float[] outputs) {
        long deadline = System.nanoTime() + delayNs;
        delegate.predictBlocks(blocks, rows, outputs);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** The delay added to every call, ns. */
    public long delayNs() {
        return delayNs;
    }
}
