package org.wsinfer.server.model;

import java.util.List;

/** A batch inference function from row-major float inputs to row-major float outputs; implementations are thread-safe. */
public interface Model {

    /** Human-readable model name (never empty). */
    String name();

    /** Model version reported in every prediction (>= 0). */
    int version();

    /** Number of input features per row. */
    int inputDim();

    /** Number of outputs per row. */
    int outputDim();

    /**
     * Computes {@code rows} predictions in one model call.
     *
     * @param inputs  at least {@code rows * inputDim()} inputs, row-major
     * @param rows    number of rows, >= 1
     * @param outputs receives {@code rows * outputDim()} outputs, row-major (may be longer)
     */
    void predict(float[] inputs, int rows, float[] outputs);

    /**
     * Computes the rows of several row blocks in ONE model call, as {@link #predict} on their concatenation: the batch
     * is {@code blocks.get(0)}, then {@code blocks.get(1)}, ... each a whole number of rows of {@code inputDim()}
     * values, row-major, {@code rows} rows in all. A model with its own input buffer copies each block straight into
     * it ({@link LinearModel}: the native buffer; {@link EchoModel}: the outputs), so a batch of requests is not
     * first gathered into one array. This default gathers them and calls {@link #predict}.
     *
     * @param blocks  the row blocks (not modified)
     * @param rows    total rows of the blocks, >= 1
     * @param outputs receives {@code rows * outputDim()} outputs, row-major (may be longer)
     */
    default void predictBlocks(List<float[]> blocks, int rows, float[] outputs) {
        checkBlockArguments(this, blocks, rows, outputs);
        float[] gathered = new float[rows * inputDim()];
        int at = 0;
        for (int i = 0; i < blocks.size(); i++) {
            float[] b = blocks.get(i);
            System.arraycopy(b, 0, gathered, at, b.length);
            at += b.length;
        }
        predict(gathered, rows, outputs);
    }

    /** Checks the arguments of {@link #predictBlocks}: whole rows per block, {@code rows} rows in all, room for the outputs. */
    static void checkBlockArguments(Model model, List<float[]> blocks, int rows, float[] outputs) {
        if (blocks == null || outputs == null) {
            throw new IllegalArgumentException("blocks and outputs must not be null");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        int inputDim = model.inputDim();
        long values = 0;
        for (int i = 0; i < blocks.size(); i++) {
            float[] b = blocks.get(i);
            if (b == null || b.length % inputDim != 0) {
                throw new IllegalArgumentException("block " + i + " must hold whole rows of " + inputDim + " inputs, got "
                        + (b == null ? "null" : b.length + " values"));
            }
            values += b.length;
        }
        if (values != (long) rows * inputDim) {
            throw new IllegalArgumentException("the blocks hold " + values / inputDim + " rows, not " + rows);
        }
        if (outputs.length < (long) rows * model.outputDim()) {
            throw new IllegalArgumentException("need room for " + (long) rows * model.outputDim() + " outputs for "
                    + rows + " rows of " + model.outputDim() + ", got " + outputs.length);
        }
    }

    /** Checks the arguments of {@link #predict} against this model's dimensions. */
    static void checkPredictArguments(Model model, float[] inputs, int rows, float[] outputs) {
        if (inputs == null || outputs == null) {
            throw new IllegalArgumentException("inputs and outputs must not be null");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        long in = (long) rows * model.inputDim();
        long out = (long) rows * model.outputDim();
        if (inputs.length < in) {
            throw new IllegalArgumentException("need " + in + " inputs for " + rows + " rows of "
                    + model.inputDim() + ", got " + inputs.length);
        }
        if (outputs.length < out) {
            throw new IllegalArgumentException("need room for " + out + " outputs for " + rows + " rows of "
                    + model.outputDim() + ", got " + outputs.length);
        }
    }
}
