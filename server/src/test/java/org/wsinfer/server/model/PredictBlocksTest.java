package org.wsinfer.server.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Model#predictBlocks}: a batch of row blocks gives exactly what {@link Model#predict} gives on their concatenation. */
class PredictBlocksTest {

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Random blocks of 1..maxRows rows each, {@code count} of them. */
    private static List<float[]> blocks(SplittableRandom r, int count, int maxRows, int inputDim) {
        List<float[]> b = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            b.add(random(r, (1 + r.nextInt(maxRows)) * inputDim));
        }
        return b;
    }

    private static float[] concat(List<float[]> blocks) {
        int n = blocks.stream().mapToInt(b -> b.length).sum();
        float[] all = new float[n];
        int at = 0;
        for (float[] b : blocks) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    private static void assertSameAsConcatenation(Model m, List<float[]> blocks) {
        float[] all = concat(blocks);
        int rows = all.length / m.inputDim();
        float[] want = new float[rows * m.outputDim() + 2];
        float[] got = new float[rows * m.outputDim() + 2];
        want[want.length - 1] = 42f;
        got[got.length - 1] = 42f;
        m.predict(all, rows, want);
        m.predictBlocks(blocks, rows, got);
        assertArrayEquals(want, got, m + ": " + blocks.size() + " blocks, " + rows + " rows");
    }

    @Test
    void linearModelBlocksEqualOneCallOnTheConcatenation() {
        SplittableRandom r = new SplittableRandom(11);
        for (int out : new int[] {1, 3}) {
            for (int in : new int[] {1, 16, 256}) {
                LinearModel m = ModelFactory.random("blocks", 1, in, out, 5);
                for (int trial = 0; trial < 20; trial++) {
                    // growing block counts also grow the thread's workspace between calls
                    assertSameAsConcatenation(m, blocks(r, 1 + trial * 3, 1 + trial % 4, in));
                }
            }
        }
    }

    @Test
    void aBatchAfterALargerOneDoesNotSeeItsRows() {
        LinearModel m = ModelFactory.random("stale", 1, 8, 2, 9);
        SplittableRandom r = new SplittableRandom(3);
        assertSameAsConcatenation(m, blocks(r, 40, 3, 8));
        assertSameAsConcatenation(m, blocks(r, 2, 1, 8));
        assertSameAsConcatenation(m, List.of(random(r, 8)));
    }

    @Test
    void echoJavaAndDelayedModelsAgreeWithTheirPredict() {
        SplittableRandom r = new SplittableRandom(5);
        LinearModel linear = ModelFactory.random("j", 1, 16, 2, 4);
        List<Model> models = List.of(new EchoModel(16), new JavaLinearModel(linear),
                new DelayedModel(new EchoModel(16), 1_000), new DelayedModel(linear, 1_000));
        for (Model m : models) {
            for (int trial = 0; trial < 5; trial++) {
                assertSameAsConcatenation(m, blocks(r, 1 + trial * 4, 3, 16));
            }
        }
    }

    @Test
    void delayedModelAddsItsDelayToABlocksCall() {
        DelayedModel m = new DelayedModel(new EchoModel(4), 20_000_000L);
        long start = System.nanoTime();
        m.predictBlocks(List.of(new float[4], new float[8]), 3, new float[12]);
        assertTrue(System.nanoTime() - start >= 20_000_000L, "at least the 20 ms delay");
    }

    @Test
    void badBlocksAreRefused() {
        LinearModel m = ModelFactory.random("bad", 1, 4, 1, 1);
        float[] out = new float[8];
        assertThrows(IllegalArgumentException.class, () -> m.predictBlocks(List.of(new float[4], new float[6]), 2, out),
                "a block of a partial row");
        assertThrows(IllegalArgumentException.class, () -> m.predictBlocks(List.of(new float[4], new float[4]), 3, out),
                "rows do not add up");
        assertThrows(IllegalArgumentException.class, () -> m.predictBlocks(List.of(new float[8]), 2, new float[1]),
                "no room for the outputs");
        assertThrows(IllegalArgumentException.class, () -> m.predictBlocks(List.of(), 0, out), "no rows");
        assertThrows(IllegalArgumentException.class, () -> new EchoModel(4).predictBlocks(List.of(new float[3]), 1, out));
    }

    @Test
    void linearBlocksAllocateNothingOnTheHeapInTheSteadyState() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemorySupported(), "no allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        LinearModel m = ModelFactory.random("alloc", 1, 16, 1, 2);
        SplittableRandom r = new SplittableRandom(8);
        List<float[]> blocks = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            blocks.add(random(r, 16));
        }
        float[] y = new float[32];
        for (int i = 0; i < 5000; i++) {
            m.predictBlocks(blocks, 32, y);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 5000; i++) {
            m.predictBlocks(blocks, 32, y);
        }
        long perCall = (threads.getThreadAllocatedBytes(tid) - before) / 5000;
        assertTrue(perCall < 16, "predictBlocks allocated " + perCall + " bytes per call of 32 blocks");
        assertEquals(32, blocks.size());
    }
}
