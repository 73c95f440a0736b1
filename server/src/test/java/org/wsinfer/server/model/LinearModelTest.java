package org.wsinfer.server.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LinearModelTest {

    static final double REL_TOL = 1e-5;

    /**
     * Asserts {@code actual} equals the plain-Java reference within {@code REL_TOL} relative to the row's magnitude
     * {@code |b| + sum |x_i * w_i|} (the scale of the rounding error of a float dot product).
     */
    static void assertMatchesReference(LinearModel m, float[] inputs, int rows, float[] actual, String what) {
        float[] w = m.weights();
        float[] b = m.bias();
        int d = m.inputDim();
        int k = m.outputDim();
        float[] expected = new float[rows * k];
        JavaLinearModel.compute(w, b, d, k, inputs, rows, expected);
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < k; o++) {
                double scale = Math.abs(b[o]);
                for (int i = 0; i < d; i++) {
                    scale += Math.abs((double) inputs[r * d + i] * w[i * k + o]);
                }
                double err = Math.abs((double) actual[r * k + o] - expected[r * k + o]);
                if (err > REL_TOL * Math.max(scale, 1e-30)) {
                    throw new AssertionError(String.format(java.util.Locale.US,
                            "%s: rows=%d in=%d out=%d at [%d,%d]: got %s, expected %s (scale %s)",
                            what, rows, d, k, r, o, actual[r * k + o], expected[r * k + o], scale));
                }
            }
        }
    }

    static float[] randomInputs(SplittableRandom rnd, int n) {
        return ModelFactory.gaussian(rnd, n, 1f);
    }

    @Test
    void predictMatchesJavaLoopForRandomShapes() {
        SplittableRandom rnd = new SplittableRandom(4242);
        int[][] fixed = {{1, 1, 1}, {600, 300, 1}, {1, 300, 7}, {600, 1, 3}, {37, 64, 2}};
        for (int t = 0; t < 30; t++) {
            int rows = t < fixed.length ? fixed[t][0] : 1 + rnd.nextInt(600);
            int in = t < fixed.length ? fixed[t][1] : 1 + rnd.nextInt(300);
            int out = t < fixed.length ? fixed[t][2] : 1 + rnd.nextInt(8);
            LinearModel m = ModelFactory.random("r", 1, in, out, rnd.nextLong());
            float[] x = randomInputs(rnd, rows * in);
            float[] y = new float[rows * out];
            m.predict(x, rows, y);
            assertMatchesReference(m, x, rows, y, "predict");
            assertMatchesReference(m, x, rows, m.predictNaive(x, rows), "predictNaive");
            float[] z = new float[rows * out];
            m.predictNd4jGemm(x, rows, z);
            assertMatchesReference(m, x, rows, z, "predictNd4jGemm");
        }
    }

    @Test
    void workspaceIsReusedAcrossGrowingAndShrinkingBatches() {
        for (int out : new int[] {1, 3}) {
            SplittableRandom rnd = new SplittableRandom(7);
            LinearModel m = ModelFactory.random("r", 1, 33, out, 1);
            int[] sequence = {5, 1, 16, 17, 3, 200, 64, 1, 199, 200, 2, 500, 7};
            for (int rows : sequence) {
                float[] x = randomInputs(rnd, rows * 33);
                float[] y = new float[rows * out + 5]; // a longer output array: the tail stays untouched
                java.util.Arrays.fill(y, 42f);
                if (rows % 2 == 0) {
                    m.predict(x, rows, y);
                } else {
                    m.predictNd4jGemm(x, rows, y);
                }
                assertMatchesReference(m, x, rows, java.util.Arrays.copyOf(y, rows * out), "rows " + rows);
                for (int i = rows * out; i < y.length; i++) {
                    assertEquals(42f, y[i], "tail of outputs");
                }
            }
        }
    }

    @Test
    void predictAllocatesNothingOnTheHeapInTheSteadyState() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemorySupported(), "no allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        for (int out : new int[] {1, 3}) {
            LinearModel m = ModelFactory.random("alloc", 1, 64, out, 2);
            float[] x = randomInputs(new SplittableRandom(3), 64 * 8);
            float[] y = new float[8 * out];
            for (int i = 0; i < 5000; i++) {
                m.predict(x, 1 + i % 8, y); // grows the workspace to 8 rows and warms up
            }
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 5000; i++) {
                m.predict(x, 1 + i % 8, y);
            }
            long perCall = (threads.getThreadAllocatedBytes(tid) - before) / 5000;
            // the Nd4j.gemm path allocates about 4 KB per call; predict must allocate nothing
            assertTrue(perCall < 16, "predict allocated " + perCall + " bytes per call, output_dim " + out);
        }
    }

    @Test
    void longerInputArrayUsesOnlyTheLeadingRows() {
        LinearModel m = ModelFactory.random("r", 1, 4, 2, 3);
        float[] x = randomInputs(new SplittableRandom(1), 40);
        float[] y = new float[4];
        m.predict(x, 2, y);
        assertMatchesReference(m, x, 2, y, "2 of 10 rows");
        assertMatchesReference(m, x, 2, m.predictNaive(x, 2), "naive 2 of 10 rows");
    }

    @Test
    void predictIsThreadSafeWithSgemm() throws Exception {
        assertThreadSafe(ModelFactory.random("shared", 1, 97, 3, 11));
    }

    @Test
    void predictIsThreadSafeWithSgemv() throws Exception {
        assertThreadSafe(ModelFactory.random("shared", 1, 211, 1, 12));
    }

    private static void assertThreadSafe(LinearModel m) throws Exception {
        int in = m.inputDim();
        int out = m.outputDim();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = 100 + t;
                Callable<Integer> task = () -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int checked = 0;
                    for (int i = 0; i < 150; i++) {
                        int rows = 1 + rnd.nextInt(120);
                        float[] x = randomInputs(rnd, rows * in);
                        float[] y = new float[rows * out];
                        m.predict(x, rows, y);
                        assertMatchesReference(m, x, rows, y, "thread " + seed + " call " + i);
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(task));
            }
            for (Future<Integer> f : results) {
                assertEquals(150, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void computesXwPlusBExactlyOnSmallNumbers() {
        // W = [[1, 2], [3, 4], [5, 6]], b = [0.5, -1]; x = [1, 0, -1] -> [1 - 5 + 0.5, 2 - 6 - 1] = [-3.5, -5]
        LinearModel m = LinearModel.of("small", 2, 3, 2, new float[] {1, 2, 3, 4, 5, 6}, new float[] {0.5f, -1f});
        float[] y = new float[4];
        m.predict(new float[] {1, 0, -1, 0, 1, 0}, 2, y);
        assertArrayEquals(new float[] {-3.5f, -5f, 3.5f, 3f}, y);
        float[] j = new float[4];
        m.predictJava(new float[] {1, 0, -1, 0, 1, 0}, 2, j);
        assertArrayEquals(y, j);
        JavaLinearModel floor = new JavaLinearModel(m);
        float[] f = new float[4];
        floor.predict(new float[] {1, 0, -1, 0, 1, 0}, 2, f);
        assertArrayEquals(y, f);
        assertEquals("small", floor.name());
        assertEquals(2, floor.version());
    }

    @Test
    void accessorsReturnCopies() {
        float[] w = {1, 2};
        LinearModel m = LinearModel.of("c", 0, 2, 1, w, new float[] {3});
        w[0] = 99;
        assertArrayEquals(new float[] {1, 2}, m.weights());
        float[] got = m.weights();
        got[1] = 99;
        assertArrayEquals(new float[] {1, 2}, m.weights());
        assertNotSame(m.bias(), m.bias());
        assertEquals(new ModelMetadata("c", 0, 2, 1), m.metadata());
    }

    @Test
    void rejectsInvalidParameters() {
        assertThrows(IllegalArgumentException.class, () -> LinearModel.of("", 1, 1, 1, new float[1], new float[1]));
        assertThrows(IllegalArgumentException.class, () -> LinearModel.of("m", -1, 1, 1, new float[1], new float[1]));
        assertThrows(IllegalArgumentException.class, () -> LinearModel.of("m", 1, 0, 1, new float[0], new float[1]));
        assertThrows(IllegalArgumentException.class, () -> LinearModel.of("m", 1, 2, 1, new float[3], new float[1]));
        assertThrows(IllegalArgumentException.class, () -> LinearModel.of("m", 1, 2, 1, new float[2], new float[2]));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> LinearModel.of("m", 1, 2, 1, new float[] {0, Float.NaN}, new float[1]));
        assertTrue(nan.getMessage().contains("weights[1]"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LinearModel.of("m", 1, 1, 1, new float[1], new float[] {Float.POSITIVE_INFINITY}));
    }

    @Test
    void rejectsBadPredictArguments() {
        LinearModel m = ModelFactory.random("m", 1, 4, 2, 5);
        assertThrows(IllegalArgumentException.class, () -> m.predict(new float[7], 2, new float[4]));
        assertThrows(IllegalArgumentException.class, () -> m.predict(new float[8], 2, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> m.predict(new float[8], 0, new float[4]));
        assertThrows(IllegalArgumentException.class, () -> m.predict(null, 1, new float[4]));
        assertThrows(IllegalArgumentException.class, () -> m.predictNaive(new float[7], 2));
    }

    @Test
    void randomModelsAreDeterministicAndScaled() {
        LinearModel a = ModelFactory.random("a", 1, 256, 2, 17);
        LinearModel b = ModelFactory.random("a", 1, 256, 2, 17);
        assertArrayEquals(a.weights(), b.weights());
        assertArrayEquals(a.bias(), b.bias());
        double sumSq = 0;
        for (float w : a.weights()) {
            sumSq += w * w;
        }
        double std = Math.sqrt(sumSq / a.weights().length);
        assertEquals(1.0 / 16.0, std, 0.01, "weights are N(0,1)/sqrt(inputDim)");
        LinearModel c = ModelFactory.random("a", 1, 256, 2, 18);
        assertTrue(c.weights()[0] != a.weights()[0]);
    }
}
