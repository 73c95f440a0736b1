package org.wsinfer.protocol;

/** Constants of wire protocol v1: version, frame kinds and header sizes. */
public final class Protocol {
    /** The protocol version carried in byte 0 of every binary frame. */
    public static final int VERSION = 1;
    /** Frame kind of a prediction request. */
    public static final int KIND_PREDICT = 1;
    /** Frame kind of a successful answer. */
    public static final int KIND_PREDICTION = 2;
    /** Frame kind of an error answer. */
    public static final int KIND_ERROR = 3;

    /** Bytes before the inputs of a binary PREDICT frame. */
    public static final int REQUEST_HEADER_BYTES = 16;
    /** Bytes before the outputs of a binary PREDICTION frame. */
    public static final int PREDICTION_HEADER_BYTES = 32;
    /** Bytes before the message of a binary ERROR frame. */
    public static final int ERROR_HEADER_BYTES = 16;

    /** Largest id the JSON form accepts (ids are integers below 2^53, exact in a double). */
    public static final long MAX_JSON_ID = (1L << 53) - 1;
    /** Largest rows value a binary frame can carry (u16). */
    public static final int MAX_ROWS = 0xFFFF;
    /** The id used in an answer when the request's id could not be read. */
    public static final long UNKNOWN_ID = -1L;

    private Protocol() {
    }

    /** Bytes of a binary PREDICT frame with {@code rows * cols} inputs. */
    public static long requestBytes(int rows, int cols) {
        return REQUEST_HEADER_BYTES + 4L * rows * cols;
    }

    /** Bytes of a binary PREDICTION frame with {@code rows * cols} outputs. */
    public static long predictionBytes(int rows, int cols) {
        return PREDICTION_HEADER_BYTES + 4L * rows * cols;
    }
}
