package org.wsinfer.server.model;

import java.nio.file.Path;

/** A model directory or file that cannot be used; the message names the file and the problem. */
public final class ModelException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Creates an exception for {@code file} with a message {@code "<file>: <problem>"}. */
    public ModelException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** Creates an exception for {@code file} caused by {@code cause}. */
    public ModelException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file (or directory) the problem is in. */
    public Path file() {
        return file;
    }
}
