package org.wsinfer.loadtest.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The linear model {@code y = x W + b} of a model folder ({@code weights.npy} [input_dim, output_dim],
 * {@code bias.npy} [output_dim]), computed locally in double precision to check the server's answers.
 */
public final class ReferenceModel {
    private final int inputDim;
    private final int outputDim;
    private final double[] weights;
    private final double[] bias;

    ReferenceModel(int inputDim, int outputDim, double[] weights, double[] bias) {
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.weights = weights;
        this.bias = bias;
    }

    /** Loads {@code dir/weights.npy} and {@code dir/bias.npy}; the message names the file and the problem. */
    public static ReferenceModel load(Path dir) throws IOException {
        Path w = dir.resolve("weights.npy");
        Path b = dir.resolve("bias.npy");
        if (!Files.isRegularFile(w) || !Files.isRegularFile(b)) {
            throw new IOException("--verify-model " + dir + ": needs weights.npy and bias.npy");
        }
        NpyReader.Array wa = NpyReader.read(w);
        NpyReader.Array ba = NpyReader.read(b);
        if (wa.shape().length != 2) {
            throw new IOException(w + ": weights must be 2-D [input_dim, output_dim]");
        }
        int out = wa.shape()[1];
        if (ba.data().length != out) {
            throw new IOException(b + ": bias has " + ba.data().length + " values, weights have " + out + " outputs");
        }
        return new ReferenceModel(wa.shape()[0], out, wa.data(), ba.data());
    }

    /** Features per row. */
    public int inputDim() {
        return inputDim;
    }

    /** Outputs per row. */
    public int outputDim() {
        return outputDim;
    }

    /** {@code rows x outputDim} outputs of {@code rows x inputDim} inputs, row-major. */
    public double[] predict(float[] inputs, int rows) {
        double[] y = new double[rows * outputDim];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputDim; o++) {
                double acc = bias[o];
                for (int i = 0; i < inputDim; i++) {
                    acc += inputs[r * inputDim + i] * weights[i * outputDim + o];
                }
                y[r * outputDim + o] = acc;
            }
        }
        return y;
    }

    /** The largest |got - want| / max(1, |want|) over all outputs; infinity if the shapes differ. */
    public static double maxRelativeError(float[] got, double[] want) {
        if (got == null || got.length != want.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            double e = Math.abs(got[i] - want[i]) / Math.max(1.0, Math.abs(want[i]));
            if (!(e <= max)) {
                max = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
            }
        }
        return max;
    }
}
