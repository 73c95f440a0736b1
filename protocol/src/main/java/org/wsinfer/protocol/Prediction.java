package org.wsinfer.protocol;

/**
 * A successful answer: {@code rows * cols} outputs, row-major, with the server's timing.
 *
 * @param id           the request's id
 * @param modelVersion version of the model that computed the outputs
 * @param queueNs      nanoseconds from the frame decoded to the inference start
 * @param computeNs    nanoseconds of the model call for this request's batch
 * @param rows         rows, as in the request
 * @param cols         the model's output_dim
 * @param outputs      {@code rows * cols} values, row-major
 */
public record Prediction(long id, int modelVersion, long queueNs, long computeNs, int rows, int cols, float[] outputs)
        implements Answer {
    /** Validates the shape against the outputs' length. */
    public Prediction {
        if (rows < 1 || rows > Protocol.MAX_ROWS || cols < 1) {
            throw new IllegalArgumentException("bad shape " + rows + "x" + cols);
        }
        if (outputs == null || outputs.length != (long) rows * cols) {
            throw new IllegalArgumentException("outputs must hold rows*cols = " + (long) rows * cols + " values");
        }
    }
}
