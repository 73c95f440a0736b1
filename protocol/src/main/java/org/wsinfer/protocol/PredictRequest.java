package org.wsinfer.protocol;

/**
 * A prediction request: {@code rows} rows of {@code cols} features, row-major in {@code inputs}.
 *
 * @param id     opaque request id, echoed in the answer (JSON: 0 to 2^53-1)
 * @param rows   rows in this request, 1 to 65535
 * @param cols   features per row, at least 1
 * @param inputs {@code rows * cols} values, row-major
 */
public record PredictRequest(long id, int rows, int cols, float[] inputs) {
    /** Validates the shape against the inputs' length. */
    public PredictRequest {
        if (rows < 1 || rows > Protocol.MAX_ROWS) {
            throw new IllegalArgumentException("rows must be 1.." + Protocol.MAX_ROWS + ", not " + rows);
        }
        if (cols < 1) {
            throw new IllegalArgumentException("cols must be >= 1, not " + cols);
        }
        if (inputs == null || inputs.length != (long) rows * cols) {
            throw new IllegalArgumentException("inputs must hold rows*cols = " + (long) rows * cols + " values");
        }
    }
}
