package org.wsinfer.loadtest.client;

import org.wsinfer.protocol.ErrorCode;

/**
 * The fields of one answer frame the driver needs; one mutable instance per connection, reused for every frame on
 * its event loop (no allocation per answer unless outputs are wanted).
 */
public final class DecodedAnswer {
    /** The request id, valid when {@link #idKnown}. */
    public long id;
    /** Whether the answer carries a request id. */
    public boolean idKnown;
    /** True for a prediction, false for an error answer. */
    public boolean ok;
    /** The error code of an error answer. */
    public ErrorCode errorCode;
    /** The message of an error answer. */
    public String errorMessage;
    /** The server's queue_ns. */
    public long queueNs;
    /** The server's compute_ns. */
    public long computeNs;
    /** The model version of a prediction. */
    public int modelVersion;
    /** Rows of a prediction. */
    public int rows;
    /** Output columns of a prediction. */
    public int cols;
    /** The outputs, row-major, when decoded (accuracy mode), else null. */
    public float[] outputs;

    /** Clears every field before decoding the next frame. */
    public void clear() {
        id = 0;
        idKnown = false;
        ok = false;
        errorCode = null;
        errorMessage = null;
        queueNs = 0;
        computeNs = 0;
        modelVersion = 0;
        rows = 0;
        cols = 0;
        outputs = null;
    }
}
