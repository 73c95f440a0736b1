package org.wsinfer.protocol;

/**
 * An error answer.
 *
 * @param id      the request's id, or {@link Protocol#UNKNOWN_ID} when it could not be read
 * @param code    what went wrong
 * @param message a human-readable explanation
 */
public record ErrorAnswer(long id, ErrorCode code, String message) implements Answer {
    /** Rejects a missing code; a missing message becomes empty. */
    public ErrorAnswer {
        if (code == null) {
            throw new IllegalArgumentException("code is required");
        }
        if (message == null) {
            message = "";
        }
    }
}
