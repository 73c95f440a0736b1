package org.wsinfer.server.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.wsinfer.server.model.JavaLinearModel;

class SyntheticDataTest {

    @Test
    void deterministicForASeed() {
        SyntheticData a = SyntheticData.generate(50, 4, 2, 0.1, 7);
        SyntheticData b = SyntheticData.generate(50, 4, 2, 0.1, 7);
        assertArrayEquals(a.dataset().features(), b.dataset().features());
        assertArrayEquals(a.dataset().targets(), b.dataset().targets());
        assertArrayEquals(a.trueWeights(), b.trueWeights());
        SyntheticData c = SyntheticData.generate(50, 4, 2, 0.1, 8);
        assertEquals(false, java.util.Arrays.equals(a.trueWeights(), c.trueWeights()));
    }

    @Test
    void withoutNoiseTargetsAreExactlyLinear() {
        SyntheticData s = SyntheticData.generate(20, 6, 3, 0.0, 11);
        float[] y = new float[60];
        JavaLinearModel.compute(s.trueWeights(), s.trueBias(), 6, 3, s.dataset().features(), 20, y);
        assertArrayEquals(y, s.dataset().targets(), 1e-6f);
        assertEquals(0.0, s.maxWeightError(s.trueWeights()));
    }

    @Test
    void noiseHasTheRequestedScale() {
        SyntheticData s = SyntheticData.generate(4000, 2, 1, 0.5, 3);
        float[] y = new float[4000];
        JavaLinearModel.compute(s.trueWeights(), s.trueBias(), 2, 1, s.dataset().features(), 4000, y);
        double sq = 0;
        for (int i = 0; i < y.length; i++) {
            double d = s.dataset().targets()[i] - y[i];
            sq += d * d;
        }
        assertEquals(0.5, Math.sqrt(sq / y.length), 0.03);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticData.generate(0, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticData.generate(1, 1, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticData.generate(1, 1, 1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticData.generate(100_000, 100_000, 1, 0, 1));
    }
}
