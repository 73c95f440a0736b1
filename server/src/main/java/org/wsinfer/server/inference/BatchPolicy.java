package org.wsinfer.server.inference;

/**
 * How jobs are grouped into one model call.
 *
 * @param maxBatchRows    largest rows of a batch; 0 = batching off (each request its own call)
 * @param maxQueueDelayNs how long after the oldest job of a batch was decoded the batcher may wait for more jobs
 */
public record BatchPolicy(int maxBatchRows, long maxQueueDelayNs) {
    /** Validates. */
    public BatchPolicy {
        if (maxBatchRows < 0) {
            throw new IllegalArgumentException("maxBatchRows must be >= 0");
        }
        if (maxQueueDelayNs < 0) {
            throw new IllegalArgumentException("maxQueueDelayNs must be >= 0");
        }
    }

    /** Each request its own model call. */
    public static BatchPolicy off() {
        return new BatchPolicy(0, 0);
    }

    /** Whether requests may share a model call. */
    public boolean batching() {
        return maxBatchRows > 0;
    }
}
