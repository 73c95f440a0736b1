package org.wsinfer.server.model;

import java.util.SplittableRandom;

/** Builds linear models with deterministic pseudo-random parameters, for benchmarks that only need a shape. */
public final class ModelFactory {

    private ModelFactory() {
    }

    /**
     * A model with weights {@code N(0,1) / sqrt(inputDim)} and bias {@code N(0,1) * 0.1}, drawn in that order
     * (weights row-major, then bias) from {@code new SplittableRandom(seed).nextGaussian()}.
     */
    public static LinearModel random(String name, int version, int inputDim, int outputDim, long seed) {
        new ModelMetadata(name, version, inputDim, outputDim);
        SplittableRandom rnd = new SplittableRandom(seed);
        float scale = (float) (1.0 / Math.sqrt(inputDim));
        float[] w = gaussian(rnd, inputDim * outputDim, scale);
        float[] b = gaussian(rnd, outputDim, 0.1f);
        return LinearModel.of(name, version, inputDim, outputDim, w, b);
    }

    /** {@code n} values {@code (float) (rnd.nextGaussian() * scale)}. */
    public static float[] gaussian(SplittableRandom rnd, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextGaussian() * scale);
        }
        return v;
    }
}
