package org.wsinfer.server.inference;

/**
 * What one model call did.
 *
 * @param jobs      requests answered by the call
 * @param rows      rows given to the model
 * @param computeNs nanoseconds of the model call
 * @param failed    whether the model threw (its jobs were answered INTERNAL)
 */
public record BatchStats(int jobs, int rows, long computeNs, boolean failed) {
    /** Stats of a batch that needed no model call. */
    public static final BatchStats NONE = new BatchStats(0, 0, 0, false);
}
