package org.wsinfer.protocol;

/** The one error type of decoding: carries the {@link ErrorCode} to answer with and the request id when known. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final long requestId;

    /** An error for a request whose id was read ({@link Protocol#UNKNOWN_ID} if not). */
    public ProtocolException(ErrorCode code, long requestId, String message) {
        super(message, null, false, false);
        this.code = code;
        this.requestId = requestId;
    }

    /** An error for a frame whose request id could not be read. */
    public ProtocolException(ErrorCode code, String message) {
        this(code, Protocol.UNKNOWN_ID, message);
    }

    /** The code to answer with. */
    public ErrorCode code() {
        return code;
    }

    /** The request id, or {@link Protocol#UNKNOWN_ID}. */
    public long requestId() {
        return requestId;
    }

    /** Whether the request id was read before the error. */
    public boolean hasRequestId() {
        return requestId != Protocol.UNKNOWN_ID;
    }

    /** The error answer that reports this exception to the client. */
    public ErrorAnswer toAnswer() {
        return new ErrorAnswer(requestId, code, getMessage());
    }
}
