package org.wsinfer.server.train;

import java.util.SplittableRandom;
import org.wsinfer.server.model.ModelFactory;

/**
 * Generates a linear regression problem with known parameters: true weights {@code N(0,1)} [inputDim, outputDim],
 * true bias {@code N(0,1) * 0.5}, features {@code N(0,1)}, targets {@code xW + b + noise * N(0,1)}; all drawn, in that
 * order, from one {@code SplittableRandom(seed)}.
 */
public record SyntheticData(Dataset dataset, float[] trueWeights, float[] trueBias, double noise, long seed) {

    /** Standard deviation of the true bias. */
    public static final float BIAS_SCALE = 0.5f;

    /** Generates {@code rows} rows; deterministic for a given seed. */
    public static SyntheticData generate(int rows, int inputDim, int outputDim, double noise, long seed) {
        if (rows < 1 || inputDim < 1 || outputDim < 1) {
            throw new IllegalArgumentException("rows, input dim and output dim must be >= 1");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite number >= 0, got " + noise);
        }
        if ((long) rows * Math.max(inputDim, outputDim) > Integer.MAX_VALUE - 8L
                || (long) inputDim * outputDim > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("synthetic data set of " + rows + " x " + inputDim + " is too large");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] w = ModelFactory.gaussian(rnd, inputDim * outputDim, 1f);
        float[] b = ModelFactory.gaussian(rnd, outputDim, BIAS_SCALE);
        float[] x = ModelFactory.gaussian(rnd, rows * inputDim, 1f);
        float[] y = new float[rows * outputDim];
        double[] acc = new double[outputDim];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputDim; o++) {
                acc[o] = b[o];
            }
            for (int i = 0; i < inputDim; i++) {
                double xi = x[r * inputDim + i];
                int wBase = i * outputDim;
                for (int o = 0; o < outputDim; o++) {
                    acc[o] += xi * w[wBase + o];
                }
            }
            for (int o = 0; o < outputDim; o++) {
                y[r * outputDim + o] = (float) (acc[o] + noise * rnd.nextGaussian());
            }
        }
        return new SyntheticData(new Dataset(x, y, rows, inputDim, outputDim), w, b, noise, seed);
    }

    /** A copy of the true weights, [inputDim, outputDim] row-major. */
    @Override
    public float[] trueWeights() {
        return trueWeights.clone();
    }

    /** A copy of the true bias. */
    @Override
    public float[] trueBias() {
        return trueBias.clone();
    }

    /** The largest absolute difference between {@code weights} and the true weights. */
    public double maxWeightError(float[] weights) {
        return maxAbsDiff(weights, trueWeights);
    }

    /** The largest absolute difference between {@code bias} and the true bias. */
    public double maxBiasError(float[] bias) {
        return maxAbsDiff(bias, trueBias);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length " + a.length + " != " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    @Override
    public String toString() {
        return "SyntheticData[" + dataset + ", noise=" + noise + ", seed=" + seed + "]";
    }
}
