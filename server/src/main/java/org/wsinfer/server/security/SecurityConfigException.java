package org.wsinfer.server.security;

/** A TLS file or token file that cannot be used; the message names the file and the problem (never a secret). */
public final class SecurityConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public SecurityConfigException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause}. */
    public SecurityConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
