package org.wsinfer.loadtest.payload;

import java.util.List;
import java.util.SplittableRandom;
import org.wsinfer.protocol.Framing;

/**
 * The requests' inputs, made once at start so the sender's cost per request is a copy: {@code size()} pre-encoded
 * templates (seeded random values or consecutive CSV rows), cycled through by request number.
 */
public final class PayloadPool {
    private final int rows;
    private final int features;
    private final float[][] inputs;
    private final RequestTemplate[] templates;

    private PayloadPool(Framing framing, int rows, int features, float[][] inputs) {
        this.rows = rows;
        this.features = features;
        this.inputs = inputs;
        this.templates = new RequestTemplate[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            templates[i] = RequestTemplate.of(framing, rows, features, inputs[i]);
        }
    }

    /** {@code size} requests of seeded uniform random values in [-1, 1). */
    public static PayloadPool random(Framing framing, int rows, int features, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] inputs = new float[size][rows * features];
        for (float[] in : inputs) {
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) (random.nextDouble() * 2.0 - 1.0);
            }
        }
        return new PayloadPool(framing, rows, features, inputs);
    }

    /** Requests of {@code rows} consecutive CSV rows each (wrapping around), at most {@code maxSize} of them. */
    public static PayloadPool fromRows(Framing framing, int rows, int features, List<float[]> csvRows, int maxSize) {
        int size = Math.max(1, Math.min(maxSize, csvRows.size()));
        float[][] inputs = new float[size][rows * features];
        int next = 0;
        for (float[] in : inputs) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(csvRows.get(next), 0, in, r * features, features);
                next = (next + 1) % csvRows.size();
            }
        }
        return new PayloadPool(framing, rows, features, inputs);
    }

    /** Distinct payloads. */
    public int size() {
        return templates.length;
    }

    /** Rows per request. */
    public int rows() {
        return rows;
    }

    /** Features per row. */
    public int features() {
        return features;
    }

    /** The template of payload {@code index}. */
    public RequestTemplate template(int index) {
        return templates[index];
    }

    /** The inputs of payload {@code index} (row-major; do not modify). */
    public float[] inputs(int index) {
        return inputs[index];
    }
}
