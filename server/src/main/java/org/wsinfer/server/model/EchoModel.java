package org.wsinfer.server.model;

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

    @Override
    public String toString() {
        return "EchoModel[dim=" + dim + "]";
    }
}
