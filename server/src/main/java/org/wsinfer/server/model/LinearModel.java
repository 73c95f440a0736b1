package org.wsinfer.server.model;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear model {@code y = xW + b} computed with ND4J: the hot path ({@link #predict}) makes one BLAS call per batch on
 * per-thread, preallocated ND4J native buffers, so the steady state allocates no ND4J arrays.
 */
public final class LinearModel implements Model {

    private final String name;
    private final int version;
    private final int inputDim;
    private final int outputDim;
    private final float[] weights;
    private final float[] bias;
    private final INDArray weightMatrix;
    private final INDArray biasRow;
    private final ThreadLocal<LinearWorkspace> workspaces;

    private LinearModel(String name, int version, int inputDim, int outputDim, float[] weights, float[] bias) {
        this.name = name;
        this.version = version;
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.weights = weights;
        this.bias = bias;
        this.weightMatrix = Nd4j.create(weights, new long[] {inputDim, outputDim}, DataType.FLOAT);
        this.biasRow = Nd4j.create(bias, new long[] {1, outputDim}, DataType.FLOAT);
        this.workspaces = ThreadLocal.withInitial(() -> new LinearWorkspace(weightMatrix, this.bias));
    }

    /**
     * Creates a validated linear model.
     *
     * @param weights {@code inputDim * outputDim} weights, shape [inputDim, outputDim] in C order (copied)
     * @param bias    {@code outputDim} biases (copied)
     * @throws IllegalArgumentException if a dimension, a length or a value is invalid
     */
    public static LinearModel of(String name, int version, int inputDim, int outputDim, float[] weights, float[] bias) {
        new ModelMetadata(name, version, inputDim, outputDim); // validates name, version and dims
        if (weights == null || weights.length != (long) inputDim * outputDim) {
            throw new IllegalArgumentException("weights must hold input_dim * output_dim = " + (long) inputDim * outputDim
                    + " values, got " + (weights == null ? "null" : weights.length));
        }
        if (bias == null || bias.length != outputDim) {
            throw new IllegalArgumentException("bias must hold output_dim = " + outputDim + " values, got "
                    + (bias == null ? "null" : bias.length));
        }
        checkFinite("weights", weights);
        checkFinite("bias", bias);
        return new LinearModel(name, version, inputDim, outputDim, weights.clone(), bias.clone());
    }

    private static void checkFinite(String what, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i] + ", all values must be finite");
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    @Override
    public int outputDim() {
        return outputDim;
    }

    /** The name, version and dimensions of this model. */
    public ModelMetadata metadata() {
        return new ModelMetadata(name, version, inputDim, outputDim);
    }

    /** A copy of the weights, shape [inputDim, outputDim] in C order. */
    public float[] weights() {
        return weights.clone();
    }

    /** A copy of the bias, length outputDim. */
    public float[] bias() {
        return bias.clone();
    }

    /**
     * The server's path: copies the inputs into this thread's ND4J input buffer, pre-fills the output buffer with the
     * bias, makes one OpenBLAS call on the buffers ({@code sgemv} for one output, else {@code sgemm}, beta = 1) and
     * copies the result out. No ND4J array and no op object is created per call once the workspace is big enough.
     */
    @Override
    public void predict(float[] inputs, int rows, float[] outputs) {
        Model.checkPredictArguments(this, inputs, rows, outputs);
        LinearWorkspace ws = workspaces.get();
        ws.ensureCapacity(rows);
        ws.load(inputs, rows);
        ws.multiplyAdd(rows);
        ws.store(outputs, rows);
    }

    /**
     * {@link #predict} for a batch made of several requests' row blocks: each block is copied straight into this
     * thread's native input buffer at its row offset (no gathering array), then the same one BLAS call.
     */
    @Override
    public void predictBlocks(List<float[]> blocks, int rows, float[] outputs) {
        Model.checkBlockArguments(this, blocks, rows, outputs);
        LinearWorkspace ws = workspaces.get();
        ws.ensureCapacity(rows);
        ws.loadBlocks(blocks, rows);
        ws.multiplyAdd(rows);
        ws.store(outputs, rows);
    }

    /**
     * The same workspaces as {@link #predict} but the product goes through ND4J's op executor
     * ({@code Nd4j.gemm(x, W, out, false, false, 1.0, 1.0)}, an {@code Mmul} custom op) on cached leading-row views;
     * for benchmarks, which show its fixed per-call cost of the order of 10 us.
     */
    public void predictNd4jGemm(float[] inputs, int rows, float[] outputs) {
        Model.checkPredictArguments(this, inputs, rows, outputs);
        LinearWorkspace ws = workspaces.get();
        ws.ensureCapacity(rows);
        ws.load(inputs, rows);
        Nd4j.gemm(ws.inputView(rows), weightMatrix, ws.outputView(rows), false, false, 1.0, 1.0);
        ws.store(outputs, rows);
    }

    /**
     * The straightforward ND4J path, for benchmarks only: allocates the input, the product and the result per call
     * ({@code Nd4j.create}, {@code mmul}, {@code addRowVector}).
     *
     * @return {@code rows * outputDim} outputs, row-major
     */
    public float[] predictNaive(float[] inputs, int rows) {
        Model.checkPredictArguments(this, inputs, rows, new float[rows * outputDim]);
        float[] in = inputs.length == rows * inputDim ? inputs : Arrays.copyOf(inputs, rows * inputDim);
        INDArray x = Nd4j.create(in, new long[] {rows, inputDim}, DataType.FLOAT);
        INDArray y = x.mmul(weightMatrix).addRowVector(biasRow);
        return y.dup('c').data().asFloat();
    }

    /** The plain-Java reference (no ND4J), for tests and as the benchmarks' floor; see {@link JavaLinearModel}. */
    public void predictJava(float[] inputs, int rows, float[] outputs) {
        Model.checkPredictArguments(this, inputs, rows, outputs);
        JavaLinearModel.compute(weights, bias, inputDim, outputDim, inputs, rows, outputs);
    }

    @Override
    public String toString() {
        return "LinearModel[name=" + name + ", version=" + version + ", inputDim=" + inputDim + ", outputDim="
                + outputDim + "]";
    }
}
