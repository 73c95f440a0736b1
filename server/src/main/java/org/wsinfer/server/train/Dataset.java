package org.wsinfer.server.train;

/**
 * A regression data set held row-major in two float arrays: {@code rows x inputDim} features and
 * {@code rows x outputDim} targets.
 */
public record Dataset(float[] features, float[] targets, int rows, int inputDim, int outputDim) {

    /** Validates the dimensions against the array lengths. */
    public Dataset {
        if (rows < 1 || inputDim < 1 || outputDim < 1) {
            throw new IllegalArgumentException("rows, inputDim and outputDim must be >= 1, got " + rows + ", "
                    + inputDim + ", " + outputDim);
        }
        if (features.length != (long) rows * inputDim) {
            throw new IllegalArgumentException("features must hold rows * inputDim = " + (long) rows * inputDim
                    + " values, got " + features.length);
        }
        if (targets.length != (long) rows * outputDim) {
            throw new IllegalArgumentException("targets must hold rows * outputDim = " + (long) rows * outputDim
                    + " values, got " + targets.length);
        }
    }

    @Override
    public String toString() {
        return "Dataset[rows=" + rows + ", inputDim=" + inputDim + ", outputDim=" + outputDim + "]";
    }
}
