package org.wsinfer.server;

import org.wsinfer.server.model.Model;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Plain-Java models for tests: known answers, a failing one, a blocking one. */
public final class TestModels {
    private TestModels() {
    }

    /** y[r][o] = (o + 1) * sum(x[r]) + 0.5; counts calls and rows. */
    public static class SumModel implements Model {
        private final int inputDim;
        private final int outputDim;
        /** Model calls so far. */
        public final AtomicInteger calls = new AtomicInteger();
        /** Rows of the largest call so far. */
        public final AtomicInteger maxRows = new AtomicInteger();

        /** A sum model with the given dimensions. */
        public SumModel(int inputDim, int outputDim) {
            this.inputDim = inputDim;
            this.outputDim = outputDim;
        }

        /** The expected output for one row. */
        public static float expected(float[] row, int o) {
            double s = 0;
            for (float v : row) {
                s += v;
            }
            return (float) ((o + 1) * s + 0.5);
        }

        @Override
        public String name() {
            return "sum";
        }

        @Override
        public int version() {
            return 3;
        }

        @Override
        public int inputDim() {
            return inputDim;
        }

        @Override
        public int outputDim() {
            return outputDim;
        }

        @Override
        public void predict(float[] inputs, int rows, float[] outputs) {
            Model.checkPredictArguments(this, inputs, rows, outputs);
            calls.incrementAndGet();
            maxRows.accumulateAndGet(rows, Math::max);
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int c = 0; c < inputDim; c++) {
                    s += inputs[r * inputDim + c];
                }
                for (int o = 0; o < outputDim; o++) {
                    outputs[r * outputDim + o] = (float) ((o + 1) * s + 0.5);
                }
            }
        }
    }

    /** Throws from every call after the first {@code okCalls} (1 lets a server's warm-up pass). */
    public static final class ThrowingModel extends SumModel {
        private final AtomicInteger seen = new AtomicInteger();
        private final int okCalls;

        /** A model of the given input dimension and one output that fails after {@code okCalls} calls. */
        public ThrowingModel(int inputDim, int okCalls) {
            super(inputDim, 1);
            this.okCalls = okCalls;
        }

        @Override
        public void predict(float[] inputs, int rows, float[] outputs) {
            if (seen.getAndIncrement() >= okCalls) {
                throw new IllegalStateException("boom");
            }
            super.predict(inputs, rows, outputs);
        }
    }

    /** Blocks every call after the first {@code freeCalls} (1 + inference threads lets the warm-ups pass) until {@link #release()}. */
    public static final class BlockingModel extends SumModel {
        private final CountDownLatch gate = new CountDownLatch(1);
        private final AtomicInteger seen = new AtomicInteger();
        private final int freeCalls;
        /** Calls that have blocked (or passed the gate). */
        public final AtomicInteger started = new AtomicInteger();

        /** A blocking model of the given input dimension and one output. */
        public BlockingModel(int inputDim, int freeCalls) {
            super(inputDim, 1);
            this.freeCalls = freeCalls;
        }

        /** Lets every call through. */
        public void release() {
            gate.countDown();
        }

        @Override
        public void predict(float[] inputs, int rows, float[] outputs) {
            if (seen.getAndIncrement() >= freeCalls) {
                started.incrementAndGet();
                try {
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
            super.predict(inputs, rows, outputs);
        }
    }
}
