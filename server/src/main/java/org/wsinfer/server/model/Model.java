package org.wsinfer.server.model;

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
