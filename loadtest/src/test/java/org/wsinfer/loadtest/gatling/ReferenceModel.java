package org.wsinfer.loadtest.gatling;

import org.wsinfer.server.model.DefaultModel;
import org.wsinfer.server.model.LinearModel;
import org.wsinfer.server.model.ModelDirectory;
import org.wsinfer.server.model.ModelException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The model the server is known to serve, recomputed here in plain Java ({@code y = xW + b}, or echo) so that the
 * answers' values can be checked independently of the server's own arithmetic.
 */
public final class ReferenceModel {
    private final String description;
    private final int inputDim;
    private final int outputDim;
    private final float[] weights;
    private final float[] bias;

    private ReferenceModel(String description, int inputDim, int outputDim, float[] weights, float[] bias) {
        this.description = description;
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.weights = weights;
        this.bias = bias;
    }

    /** The linear model {@code y = xW + b} with {@code weights} [inputDim*outputDim] in C order. */
    public static ReferenceModel linear(String description, int inputDim, int outputDim, float[] weights, float[] bias) {
        if (weights.length != (long) inputDim * outputDim || bias.length != outputDim) {
            throw new IllegalArgumentException("weights must hold inputDim*outputDim and bias outputDim values");
        }
        return new ReferenceModel(description, inputDim, outputDim, weights.clone(), bias.clone());
    }

    /** The echo model: outputs = inputs, {@code dim} of each. */
    public static ReferenceModel echo(int dim) {
        return new ReferenceModel("echo(" + dim + ")", dim, dim, null, null);
    }

    /** The reference server's embedded default model. */
    public static ReferenceModel embeddedDefault() {
        return of("embedded default model", DefaultModel.create());
    }

    /** The model stored in {@code dir} (the format the server loads). */
    public static ReferenceModel load(Path dir) throws ModelException {
        return of("model directory " + dir, ModelDirectory.load(dir));
    }

    private static ReferenceModel of(String description, LinearModel m) {
        return linear(String.format(Locale.US, "%s (%s v%d, %d -> %d)", description, m.name(), m.version(),
                m.inputDim(), m.outputDim()), m.inputDim(), m.outputDim(), m.weights(), m.bias());
    }

    /** Input features per row. */
    public int inputDim() {
        return inputDim;
    }

    /** Outputs per row. */
    public int outputDim() {
        return outputDim;
    }

    /** {@code rows * outputDim} outputs, row-major, for {@code rows * inputDim} inputs. */
    public float[] predict(float[] inputs, int rows) {
        if (inputs.length != (long) rows * inputDim) {
            throw new IllegalArgumentException("expected " + (long) rows * inputDim + " inputs, got " + inputs.length);
        }
        if (weights == null) {
            return inputs.clone();
        }
        float[] out = new float[rows * outputDim];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < outputDim; j++) {
                double sum = bias[j];
                for (int i = 0; i < inputDim; i++) {
                    sum += (double) inputs[r * inputDim + i] * weights[i * outputDim + j];
                }
                out[r * outputDim + j] = (float) sum;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return description;
    }
}
