package org.wsinfer.server.model;

/** A plain-Java linear model {@code y = xW + b} (no ND4J, no BLAS): the reference for tests and the benchmarks' floor. */
public final class JavaLinearModel implements Model {

    private final LinearModel source;
    private final float[] weights;
    private final float[] bias;

    /** Wraps the parameters of {@code source}. */
    public JavaLinearModel(LinearModel source) {
        this.source = source;
        this.weights = source.weights();
        this.bias = source.bias();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public int version() {
        return source.version();
    }

    @Override
    public int inputDim() {
        return source.inputDim();
    }

    @Override
    public int outputDim() {
        return source.outputDim();
    }

    @Override
    public void predict(float[] inputs, int rows, float[] outputs) {
        Model.checkPredictArguments(this, inputs, rows, outputs);
        compute(weights, bias, source.inputDim(), source.outputDim(), inputs, rows, outputs);
    }

    /** {@code outputs[r][o] = bias[o] + sum_i inputs[r][i] * weights[i][o]}, accumulated in double, row-major. */
    public static void compute(float[] weights, float[] bias, int inputDim, int outputDim, float[] inputs, int rows,
                               float[] outputs) {
        double[] acc = new double[outputDim];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputDim; o++) {
                acc[o] = bias[o];
            }
            int inBase = r * inputDim;
            for (int i = 0; i < inputDim; i++) {
                double x = inputs[inBase + i];
                int wBase = i * outputDim;
                for (int o = 0; o < outputDim; o++) {
                    acc[o] += x * weights[wBase + o];
                }
            }
            int outBase = r * outputDim;
            for (int o = 0; o < outputDim; o++) {
                outputs[outBase + o] = (float) acc[o];
            }
        }
    }
}
