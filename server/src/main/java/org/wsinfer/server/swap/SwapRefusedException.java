package org.wsinfer.server.swap;

/** A reload or rollback that was refused; the served model is unchanged. Carries the HTTP status to answer with. */
public final class SwapRefusedException extends Exception {
    /** The request itself is malformed (bad JSON body, unknown field). */
    public static final int BAD_REQUEST = 400;
    /** The swap conflicts with what is served (no directory to reload, same version, other input_dim, no previous). */
    public static final int CONFLICT = 409;
    /** The new model cannot be loaded or fails validation; the message names the file and the problem. */
    public static final int UNPROCESSABLE = 422;
    /** The server is not serving (starting or draining). */
    public static final int UNAVAILABLE = 503;

    private static final long serialVersionUID = 1L;

    private final int status;

    /** A refusal answered with HTTP {@code status}. */
    public SwapRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** A refusal answered with HTTP {@code status}, caused by {@code cause}. */
    public SwapRefusedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }
}
