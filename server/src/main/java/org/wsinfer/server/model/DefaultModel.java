package org.wsinfer.server.model;

import java.util.SplittableRandom;

/**
 * The embedded default model used when no model directory is given: name "default", version 1, input 16, output 1,
 * weights {@code (float) (new SplittableRandom(20261204).nextGaussian() * 0.25)} drawn row-major, bias 0.1
 * (documented in docs/MODEL.md).
 */
public final class DefaultModel {

    /** Seed of the weight generator. */
    public static final long SEED = 20261204L;
    /** Standard deviation of the weights. */
    public static final double WEIGHT_SCALE = 0.25;
    /** Every output's bias. */
    public static final float BIAS = 0.1f;
    /** Input features per row. */
    public static final int INPUT_DIM = 16;
    /** Outputs per row. */
    public static final int OUTPUT_DIM = 1;
    /** Model name. */
    public static final String NAME = "default";
    /** Model version. */
    public static final int VERSION = 1;

    private DefaultModel() {
    }

    /** Builds the default model (the same values on every call). */
    public static LinearModel create() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        float[] w = new float[INPUT_DIM * OUTPUT_DIM];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * WEIGHT_SCALE);
        }
        float[] b = new float[OUTPUT_DIM];
        java.util.Arrays.fill(b, BIAS);
        return LinearModel.of(NAME, VERSION, INPUT_DIM, OUTPUT_DIM, w, b);
    }
}
