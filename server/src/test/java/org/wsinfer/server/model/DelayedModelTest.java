package org.wsinfer.server.model;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayedModelTest {
    @Test
    void answersLikeItsDelegateAndTakesAtLeastTheDelay() {
        Model echo = new EchoModel(3);
        DelayedModel slow = new DelayedModel(echo, TimeUnit.MILLISECONDS.toNanos(20));
        float[] in = {1f, 2f, 3f, 4f, 5f, 6f};
        float[] out = new float[6];
        long start = System.nanoTime();
        slow.predict(in, 2, out);
        long elapsed = System.nanoTime() - start;
        assertArrayEquals(in, out);
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(20), "a lower bound, not a performance figure: " + elapsed);
        assertEquals(echo.inputDim(), slow.inputDim());
        assertEquals(echo.outputDim(), slow.outputDim());
        assertEquals(echo.version(), slow.version());
        assertEquals(echo.name(), slow.name());
    }

    @Test
    void refusesANonPositiveDelay() {
        assertThrows(IllegalArgumentException.class, () -> new DelayedModel(new EchoModel(1), 0));
    }
}
