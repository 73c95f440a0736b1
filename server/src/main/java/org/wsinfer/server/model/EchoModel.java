package org.wsinfer.server.model;

import java.util.List;

/** A model whose outputs are its inputs (name "echo", version 0, no ND4J): the framework's throughput ceiling. */
public final class EchoModel implements Model {

    private final int dim;

    /** Creates an echo model with {@code dim} inputs and {@code dim} outputs per row. */
    public EchoModel(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
        this.dim = dim;
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public int version() {
        return 0;
    }

    @Override
    public int inputDim() {
        return dim;
    }

    @Override
    public int outputDim() {
        return dim;
    }

    @Override
    public void predict(float[] inputs, int rows, float[] outputs) {
        Model.checkPredictArguments(this, inputs, rows, outputs);
        System.arraycopy(inputs, 0, outputs, 0, rows * dim);
    }

    /** Copies each block straight to its place in the outputs. */
    @Override
    public void predictBlocks(List<float[]> blocks, int rows, float[] outputs) {
        Model.checkBlockArguments(this, blocks, rows, outputs);
        int at = 0;
        for (int i = 0; i < blocks.size(); i++) {
            float[] b = blocks.get(i);
            System.arraycopy(b, 0, outputs, at, b.length);
            at += b.length;
        }
    }

    @Override
    public String toString() {
        return "EchoModel[dim=" + dim + "]";
    }
}
