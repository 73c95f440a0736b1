package org.wsinfer.server.swap;

import org.wsinfer.server.model.LinearModel;
import org.wsinfer.server.model.Model;
import org.wsinfer.server.model.ModelDirectory;

import java.io.IOException;
import java.nio.file.Path;

/** Models whose parameters are a function of their version, written as model directories or kept in memory. */
final class SwapFixtures {
    private SwapFixtures() {
    }

    /** W[i][o] = version * (i + 1) * (o + 1) / 10, b[o] = version * (o + 1) / 100. */
    static LinearModel linear(int version, int inputDim, int outputDim) {
        float[] w = new float[inputDim * outputDim];
        for (int i = 0; i < inputDim; i++) {
            for (int o = 0; o < outputDim; o++) {
                w[i * outputDim + o] = version * (i + 1) * (o + 1) / 10f;
            }
        }
        float[] b = new float[outputDim];
        for (int o = 0; o < outputDim; o++) {
            b[o] = version * (o + 1) / 100f;
        }
        return LinearModel.of("scaled", version, inputDim, outputDim, w, b);
    }

    /** Writes {@link #linear} into {@code dir} and returns the directory. */
    static Path write(Path dir, int version, int inputDim, int outputDim) throws IOException {
        ModelDirectory.write(dir, linear(version, inputDim, outputDim));
        return dir;
    }

    /** x W + b of {@link #linear}, in double. */
    static double[] expected(int version, int inputDim, int outputDim, float[] x, int rows) {
        double[] y = new double[rows * outputDim];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputDim; o++) {
                double s = version * (o + 1) / 100.0;
                for (int i = 0; i < inputDim; i++) {
                    s += x[r * inputDim + i] * (version * (i + 1) * (o + 1) / 10.0);
                }
                y[r * outputDim + o] = s;
            }
        }
        return y;
    }

    /** A plain-Java model: y = version * sum(x) per output; optionally NaN or throwing. */
    static final class PlainModel implements Model {
        private final int version;
        private final int inputDim;
        private final int outputDim;
        private final String fault;

        PlainModel(int version, int inputDim, int outputDim, String fault) {
            this.version = version;
            this.inputDim = inputDim;
            this.outputDim = outputDim;
            this.fault = fault;
        }

        PlainModel(int version, int inputDim) {
            this(version, inputDim, 1, null);
        }

        @Override
        public String name() {
            return "plain";
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public int inputDim() {
            return inputDim;
        }

        @Override
        public int outputDim() {
            return outputDim;
        }

        @Override
        public void predict(float[] inputs, int rows, float[] outputs) {
            if ("throw".equals(fault)) {
                throw new IllegalStateException("broken model");
            }
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int i = 0; i < inputDim; i++) {
                    s += inputs[r * inputDim + i];
                }
                for (int o = 0; o < outputDim; o++) {
                    outputs[r * outputDim + o] = "nan".equals(fault) ? Float.NaN : (float) (version * s);
                }
            }
        }
    }
}
