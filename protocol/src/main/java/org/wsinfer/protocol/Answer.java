package org.wsinfer.protocol;

/** What the server sends back for one request: a {@link Prediction} or an {@link ErrorAnswer}. */
public sealed interface Answer permits Prediction, ErrorAnswer {
    /** The id of the request this answers ({@link Protocol#UNKNOWN_ID} when it could not be read). */
    long id();
}
