package org.wsinfer.server.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EchoAndDefaultModelTest {

    @Test
    void echoCopiesInputs() {
        EchoModel m = new EchoModel(3);
        assertEquals("echo", m.name());
        assertEquals(0, m.version());
        assertEquals(3, m.inputDim());
        assertEquals(3, m.outputDim());
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] out = new float[6];
        m.predict(in, 2, out);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, out);
        assertThrows(IllegalArgumentException.class, () -> m.predict(in, 4, new float[12]));
        assertThrows(IllegalArgumentException.class, () -> new EchoModel(0));
    }

    @Test
    void defaultModelFollowsTheDocumentedRecipe() {
        LinearModel m = DefaultModel.create();
        assertEquals("default", m.name());
        assertEquals(1, m.version());
        assertEquals(16, m.inputDim());
        assertEquals(1, m.outputDim());
        SplittableRandom rnd = new SplittableRandom(20261204L);
        float[] expected = new float[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = (float) (rnd.nextGaussian() * 0.25);
        }
        assertArrayEquals(expected, m.weights());
        assertArrayEquals(new float[] {0.1f}, m.bias());
        assertArrayEquals(m.weights(), DefaultModel.create().weights(), "deterministic");
    }

    @Test
    void defaultModelPredictsTheBiasForZeroInput() {
        LinearModel m = DefaultModel.create();
        float[] out = new float[1];
        m.predict(new float[16], 1, out);
        assertEquals(0.1f, out[0], 1e-7f);
        float[] x = new float[16];
        x[0] = 1f;
        m.predict(x, 1, out);
        assertEquals(m.weights()[0] + 0.1f, out[0], 1e-6f);
    }
}
