package org.wsinfer.server.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads and writes a model directory: {@code model.json}, {@code weights.npy} (float32 [input_dim, output_dim]) and
 * {@code bias.npy} (float32 [output_dim]); loading validates everything and names the offending file.
 */
public final class ModelDirectory {

    /** Metadata file name. */
    public static final String MODEL_JSON = "model.json";
    /** Weights file name. */
    public static final String WEIGHTS_NPY = "weights.npy";
    /** Bias file name. */
    public static final String BIAS_NPY = "bias.npy";

    private ModelDirectory() {
    }

    /** Loads and validates the linear model in {@code dir}. */
    public static LinearModel load(Path dir) throws ModelException {
        if (!Files.exists(dir)) {
            throw new ModelException(dir, "model directory not found");
        }
        if (!Files.isDirectory(dir)) {
            throw new ModelException(dir, "is not a directory (a model is a directory with "
                    + MODEL_JSON + ", " + WEIGHTS_NPY + " and " + BIAS_NPY + ")");
        }
        Path jsonFile = dir.resolve(MODEL_JSON);
        Path weightsFile = dir.resolve(WEIGHTS_NPY);
        Path biasFile = dir.resolve(BIAS_NPY);
        ModelMetadata meta = ModelMetadata.read(jsonFile);
        // check both headers against model.json before reading any data
        NpyHeader wh = Npy.readHeader(weightsFile);
        checkShape(weightsFile, wh.shape(), new int[] {meta.inputDim(), meta.outputDim()}, "[input_dim, output_dim]");
        NpyHeader bh = Npy.readHeader(biasFile);
        checkShape(biasFile, bh.shape(), new int[] {meta.outputDim()}, "[output_dim]");
        float[] weights = Npy.read(weightsFile).data();
        checkFinite(weightsFile, weights, meta.outputDim());
        float[] bias = Npy.read(biasFile).data();
        checkFinite(biasFile, bias, 0);
        try {
            return LinearModel.of(meta.name(), meta.version(), meta.inputDim(), meta.outputDim(), weights, bias);
        } catch (IllegalArgumentException e) {
            throw new ModelException(dir, e.getMessage());
        }
    }

    /** Writes {@code model} into {@code dir} (created if missing; existing model files are replaced). */
    public static void write(Path dir, LinearModel model) throws IOException {
        Files.createDirectories(dir);
        Npy.write(dir.resolve(WEIGHTS_NPY), model.weights(), model.inputDim(), model.outputDim());
        Npy.write(dir.resolve(BIAS_NPY), model.bias(), model.outputDim());
        model.metadata().write(dir.resolve(MODEL_JSON));
    }

    private static void checkShape(Path file, int[] actual, int[] expected, String meaning) throws ModelException {
        if (!Arrays.equals(actual, expected)) {
            throw new ModelException(file, "shape " + NpyHeader.shapeString(actual) + " does not match " + MODEL_JSON
                    + ": expected " + meaning + " = " + NpyHeader.shapeString(expected));
        }
    }

    private static void checkFinite(Path file, float[] values, int columns) throws ModelException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                String where = columns > 0 ? "[" + i / columns + ", " + i % columns + "]" : "[" + i + "]";
                throw new ModelException(file, "value at " + where + " is " + values[i] + "; all values must be finite");
            }
        }
    }
}
