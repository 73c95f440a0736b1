package org.wsinfer.server.train;

/** Training data that cannot be used or a training run that failed (e.g. diverged); the message says why and where. */
public final class TrainingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a complete, user-facing message. */
    public TrainingException(String message) {
        super(message);
    }

    /** Creates an exception with a complete, user-facing message and its cause. */
    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
