package org.wsinfer.reports.read;

import java.nio.file.Path;

/** A results file that is missing, unreadable or not in the documented format; the message names the file. */
public final class InputException extends RuntimeException {

    private final transient Path file;

    public InputException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public InputException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The offending file or folder. */
    public Path file() {
        return file;
    }
}
