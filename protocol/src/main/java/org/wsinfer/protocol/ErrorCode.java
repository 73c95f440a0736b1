package org.wsinfer.protocol;

/** The error codes of protocol v1, with their numeric wire values. */
public enum ErrorCode {
    /** Too short, wrong length, bad version, unparseable JSON, missing field. */
    MALFORMED(1),
    /** A binary frame whose kind is not PREDICT. */
    UNKNOWN_KIND(2),
    /** cols differs from the model's input_dim, or ragged JSON rows. */
    SHAPE_MISMATCH(3),
    /** NaN or infinity in the inputs. */
    INVALID_VALUE(4),
    /** rows * cols over the configured limit. */
    TOO_LARGE(5),
    /** The queue or the connection's in-flight limit is full: retry later. */
    OVERLOADED(6),
    /** The server failed while answering. */
    INTERNAL(7),
    /** The server is draining or has no model. */
    UNAVAILABLE(8);

    private static final ErrorCode[] BY_CODE = new ErrorCode[9];

    static {
        for (ErrorCode c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The numeric value on the wire. */
    public int code() {
        return code;
    }

    /** The error code with this wire value, or {@code null} if none has it. */
    public static ErrorCode fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The error code with this JSON name, or {@code null} if none has it. */
    public static ErrorCode fromName(String name) {
        for (ErrorCode c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
