package org.wsinfer.loadtest.run;

/** A run that could not start: bad arguments found late (model, CSV, features) or no connection. Exit code 2. */
public final class DriveException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with a message for the user. */
    public DriveException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure with a message for the user. */
    public DriveException(String message) {
        super(message);
    }
}
