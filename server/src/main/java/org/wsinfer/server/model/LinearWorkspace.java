package org.wsinfer.server.model;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * One thread's native buffers for {@link LinearModel#predict}: ND4J C-order input [capacity, inputDim] and output
 * [capacity, outputDim] arrays, a bias tile to pre-fill the output, cached leading-row views, and the BLAS call
 * ({@code sgemv} for one output, {@code sgemm} otherwise) on those buffers; grown on demand.
 */
final class LinearWorkspace {

    /** Smallest capacity allocated, so tiny batches do not regrow the buffers one row at a time. */
    static final int MIN_CAPACITY = 16;

    private final int inputDim;
    private final int outputDim;
    private final float[] bias;
    private final INDArray weights;
    private final FloatPointer weightsPtr;
    private int capacity;
    private INDArray input;
    private INDArray output;
    private INDArray biasTile;
    private FloatPointer inputPtr;
    private FloatPointer outputPtr;
    private Pointer biasTilePtr;
    private INDArray[] inputViews;
    private INDArray[] outputViews;

    /**
     * @param weights the model's [inputDim, outputDim] C-order, offset-0 weight matrix (read, never written)
     * @param bias    the model's bias, length outputDim
     */
    LinearWorkspace(INDArray weights, float[] bias) {
        this.inputDim = (int) weights.rows();
        this.outputDim = (int) weights.columns();
        this.bias = bias;
        this.weights = weights;
        if (weights.offset() != 0 || weights.length() != (long) inputDim * outputDim
                || (inputDim > 1 && weights.stride(0) != outputDim) || (outputDim > 1 && weights.stride(1) != 1)) {
            throw new IllegalArgumentException("weights must be a contiguous C-order matrix: " + weights.shapeInfoToString());
        }
        this.weightsPtr = new FloatPointer(weights.data().addressPointer());
    }

    /** Rows the current buffers hold. */
    int capacity() {
        return capacity;
    }

    /** Grows the buffers (to at least twice the old capacity) when {@code rows} does not fit. */
    void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        int next = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(rows, Math.max(MIN_CAPACITY, 2L * capacity)));
        if ((long) next * Math.max(inputDim, outputDim) > Npy.MAX_ELEMENTS) {
            next = rows;
        }
        allocate(next);
    }

    private void allocate(int rows) {
        input = Nd4j.create(DataType.FLOAT, new long[] {rows, inputDim}, 'c');
        output = Nd4j.create(DataType.FLOAT, new long[] {rows, outputDim}, 'c');
        float[] tile = new float[rows * outputDim];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, tile, r * outputDim, outputDim);
        }
        biasTile = Nd4j.create(tile, new long[] {rows, outputDim}, DataType.FLOAT);
        inputPtr = new FloatPointer(input.data().addressPointer());
        outputPtr = new FloatPointer(output.data().addressPointer());
        biasTilePtr = biasTile.data().addressPointer();
        inputViews = new INDArray[rows + 1];
        outputViews = new INDArray[rows + 1];
        inputViews[rows] = input;
        outputViews[rows] = output;
        capacity = rows;
    }

    /** Copies {@code rows} rows of inputs into the native input buffer and the bias into the output buffer. */
    void load(float[] inputs, int rows) {
        inputPtr.put(inputs, 0, rows * inputDim);
        Pointer.memcpy(outputPtr, biasTilePtr, (long) rows * outputDim * Float.BYTES);
    }

    /** Copies each block into the native input buffer at its row offset ({@code rows} rows in all), and the bias. */
    void loadBlocks(List<float[]> blocks, int rows) {
        long at = 0;
        for (int i = 0; i < blocks.size(); i++) {
            float[] b = blocks.get(i);
            inputPtr.position(at).put(b, 0, b.length);
            at += b.length;
        }
        inputPtr.position(0);
        Pointer.memcpy(outputPtr, biasTilePtr, (long) rows * outputDim * Float.BYTES);
    }

    /**
     * Computes {@code out = x W + out} for the first {@code rows} rows with one OpenBLAS call on the ND4J buffers:
     * {@code cblas_sgemv} when outputDim is 1, {@code cblas_sgemm} otherwise (row-major, beta = 1 onto the bias).
     */
    void multiplyAdd(int rows) {
        if (outputDim == 1) {
            openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    rows, inputDim, 1f, inputPtr, inputDim, weightsPtr, 1, 1f, outputPtr, 1);
        } else {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, rows, outputDim, inputDim, 1f, inputPtr, inputDim,
                    weightsPtr, outputDim, 1f, outputPtr, outputDim);
        }
    }

    /** The weight matrix this workspace multiplies by. */
    INDArray weights() {
        return weights;
    }

    /** Copies {@code rows} rows of results out of the native output buffer. */
    void store(float[] outputs, int rows) {
        outputPtr.get(outputs, 0, rows * outputDim);
    }

    /** The first {@code rows} rows of the input buffer, as a contiguous C-order view at offset 0. */
    INDArray inputView(int rows) {
        INDArray v = inputViews[rows];
        if (v == null) {
            v = leadingRows(input, rows);
            inputViews[rows] = v;
        }
        return v;
    }

    /** The first {@code rows} rows of the output buffer, as a contiguous C-order view at offset 0. */
    INDArray outputView(int rows) {
        INDArray v = outputViews[rows];
        if (v == null) {
            v = leadingRows(output, rows);
            outputViews[rows] = v;
        }
        return v;
    }

    /**
     * A [rows, cols] C-order array over the first rows of {@code full}'s buffer. Built explicitly from the buffer,
     * shape and strides (not with {@code get(interval)}) so ND4J cannot pick another layout for vector-like shapes.
     */
    private static INDArray leadingRows(INDArray full, int rows) {
        long cols = full.columns();
        INDArray v = Nd4j.create(full.data(), new long[] {rows, cols}, new long[] {cols, 1}, 0, 'c');
        boolean contiguous = v.offset() == 0 && v.length() == rows * cols
                && (rows == 1 || v.stride(0) == cols) && (cols == 1 || v.stride(1) == 1);
        if (!contiguous || v.data().addressPointer().address() != full.data().addressPointer().address()) {
            throw new IllegalStateException("leading-row view is not a contiguous C-order view at offset 0: "
                    + v.shapeInfoToString());
        }
        return v;
    }
}
