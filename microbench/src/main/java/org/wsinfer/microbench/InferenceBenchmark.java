package org.wsinfer.microbench;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wsinfer.server.model.LinearModel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One model call of a linear model {@code y = xW + b} on {@code rows x features} inputs, five ways, so that ND4J's
 * fixed cost per call and its cost per row can be read off against the plain-Java floor:
 * <ul>
 *   <li>{@code serverModel}: the server's real model path, {@link LinearModel#predict} (copy into per-thread reused
 *       ND4J native buffers, one OpenBLAS {@code sgemv}/{@code sgemm} call on them, copy out);</li>
 *   <li>{@code javaFloor}: the floor, a plain Java loop with local accumulators over the same weights;</li>
 *   <li>{@code javaReference}: the server's plain-Java reference ({@link LinearModel#predictJava}, what its tests
 *       compare against; it accumulates through a {@code double[]});</li>
 *   <li>{@code nd4jNaive}: ND4J the straightforward way, arrays allocated per call and {@code mmul} +
 *       {@code addRowVector} ({@link LinearModel#predictNaive});</li>
 *   <li>{@code nd4jGemm}: ND4J alone, one {@code Nd4j.gemm} (beta = 1 over a bias tile copied in) between
 *       preallocated native arrays that already hold the input: no Java-heap copies at all.</li>
 * </ul>
 * Times are per call; divide by {@code rows} for the cost per row.
 *
 * <p>HOW TO RUN:
 * <pre>
 *   java -jar microbench/target/benchmarks.jar InferenceBenchmark -rf json -rff inference.json
 *   OMP_NUM_THREADS=1 java -jar microbench/target/benchmarks.jar InferenceBenchmark \
 *       -jvmArgsAppend -Dorg.bytedeco.javacpp.nopointergc=true -p features=16 -f 1 -wi 2 -i 3
 * </pre>
 * The native BLAS reads {@code OMP_NUM_THREADS} from the environment of the forked JVM (JMH forks inherit it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InferenceBenchmark {

    /** Seed of the model's weights and of the inputs. */
    static final long SEED = 20261204L;

    /** A model of {@code features} inputs and {@code outputs} outputs, a batch of inputs and ND4J's own buffers. */
    @State(Scope.Thread)
    public static class Batch {
        /** Rows per model call (the batch size). */
        @Param({"1", "8", "64", "512"})
        public int rows;

        /** Input features per row. */
        @Param({"16", "256"})
        public int features;

        /** Outputs per row (the server's default model has 1). */
        @Param({"1"})
        public int outputs;

        LinearModel model;
        float[] weights;
        float[] bias;
        float[] inputs;
        float[] out;
        INDArray x;
        INDArray w;
        INDArray y;
        INDArray biasTile;
        Pointer yPtr;
        Pointer biasTilePtr;
        long biasTileBytes;

        /** Draws the weights, bias and inputs from a seeded random and allocates every buffer. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(SEED);
            weights = new float[features * outputs];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) (rnd.nextGaussian() * 0.25);
            }
            bias = new float[outputs];
            for (int o = 0; o < outputs; o++) {
                bias[o] = (float) rnd.nextGaussian();
            }
            model = LinearModel.of("bench", 1, features, outputs, weights, bias);
            inputs = new float[rows * features];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = (float) rnd.nextGaussian();
            }
            out = new float[rows * outputs];

            x = Nd4j.create(inputs, new long[] {rows, features}, DataType.FLOAT);
            w = Nd4j.create(weights, new long[] {features, outputs}, DataType.FLOAT);
            y = Nd4j.create(DataType.FLOAT, new long[] {rows, outputs}, 'c');
            float[] tile = new float[rows * outputs];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias, 0, tile, r * outputs, outputs);
            }
            biasTile = Nd4j.create(tile, new long[] {rows, outputs}, DataType.FLOAT);
            yPtr = y.data().addressPointer();
            biasTilePtr = biasTile.data().addressPointer();
            biasTileBytes = (long) tile.length * Float.BYTES;
        }

        /** The outputs of {@code nd4jGemm}'s last call, row-major. */
        float[] gemmOutputs() {
            return y.dup('c').data().asFloat();
        }
    }

    /** The server's model path: {@link LinearModel#predict}, one gemm into per-thread reused buffers. */
    @Benchmark
    public float[] serverModel(Batch b) {
        b.model.predict(b.inputs, b.rows, b.out);
        return b.out;
    }

    /** The floor: {@code y = xW + b} as a plain Java loop, one local double accumulator per output. */
    @Benchmark
    public float[] javaFloor(Batch b) {
        float[] x = b.inputs;
        float[] w = b.weights;
        float[] bias = b.bias;
        float[] y = b.out;
        int in = b.features;
        int outs = b.outputs;
        for (int r = 0; r < b.rows; r++) {
            int xBase = r * in;
            for (int o = 0; o < outs; o++) {
                double acc = bias[o];
                for (int i = 0; i < in; i++) {
                    acc += (double) x[xBase + i] * w[i * outs + o];
                }
                y[r * outs + o] = (float) acc;
            }
        }
        return y;
    }

    /** The server's plain-Java reference, {@link LinearModel#predictJava}. */
    @Benchmark
    public float[] javaReference(Batch b) {
        b.model.predictJava(b.inputs, b.rows, b.out);
        return b.out;
    }

    /** Naive ND4J: {@code Nd4j.create}, {@code mmul}, {@code addRowVector}, {@code dup} per call. */
    @Benchmark
    public float[] nd4jNaive(Batch b) {
        return b.model.predictNaive(b.inputs, b.rows);
    }

    /** ND4J into reused buffers: bias tile copied into the output, then {@code y = 1 * xW + 1 * y} by one gemm. */
    @Benchmark
    public INDArray nd4jGemm(Batch b) {
        Pointer.memcpy(b.yPtr, b.biasTilePtr, b.biasTileBytes);
        return Nd4j.gemm(b.x, b.w, b.y, false, false, 1.0, 1.0);
    }
}
