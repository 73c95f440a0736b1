package org.wsinfer.loadtest.gatling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;

import java.util.SplittableRandom;

/**
 * A fixed, seeded set of request inputs (and, when the model is known, their expected outputs); request {@code n}
 * of any framing uses entry {@code n % size}, so binary and text users send the same payloads.
 */
public final class PayloadPool {
    /** Seed of the inputs, fixed so that every run sends the same values. */
    public static final long SEED = 0x5eed_6a71L;

    private final int rows;
    private final int features;
    private final float[][] inputs;
    private final float[][] expected;

    /**
     * {@code size} entries of {@code rows x features} inputs drawn from N(0,1); {@code model} (may be null) gives
     * the expected outputs.
     */
    public PayloadPool(int size, int rows, int features, ReferenceModel model) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1");
        }
        if (model != null && model.inputDim() != features) {
            throw new IllegalArgumentException("the model " + model + " takes " + model.inputDim()
                    + " features per row, but " + GatlingSettings.PREFIX + "features is " + features);
        }
        this.rows = rows;
        this.features = features;
        this.inputs = new float[size][];
        this.expected = model == null ? null : new float[size][];
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int k = 0; k < size; k++) {
            float[] x = new float[rows * features];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
            inputs[k] = x;
            if (model != null) {
                expected[k] = model.predict(x, rows);
            }
        }
    }

    /** Entries in the pool. */
    public int size() {
        return inputs.length;
    }

    /** Rows per request. */
    public int rows() {
        return rows;
    }

    /** The pool entry used by request number {@code sequence}. */
    public int indexOf(long sequence) {
        return (int) Math.floorMod(sequence, (long) inputs.length);
    }

    /** The request with id {@code id} carrying entry {@code index}. */
    public PredictRequest request(long id, int index) {
        return new PredictRequest(id, rows, features, inputs[index]);
    }

    /** The binary PREDICT frame of {@link #request(long, int)}. */
    public byte[] binaryFrame(long id, int index) {
        ByteBuf buf = BinaryCodec.encodeRequest(UnpooledByteBufAllocator.DEFAULT, request(id, index));
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** The JSON text of {@link #request(long, int)}. */
    public String textFrame(long id, int index) {
        return JsonCodec.encodeRequest(request(id, index));
    }

    /** Expected outputs of entry {@code index}, or {@code null} when the model is not known. */
    public float[] expected(int index) {
        return expected == null ? null : expected[index];
    }
}
