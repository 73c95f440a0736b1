package org.wsinfer.server.inference;

/** Told about every model call and every request's queueing time (metrics); must be cheap and thread-safe. */
public interface BatchObserver {
    /** An observer that ignores everything. */
    BatchObserver NONE = new BatchObserver() {
        @Override
        public void batch(BatchStats stats) {
        }

        @Override
        public void queued(long queueNs) {
        }
    };

    /** One model call finished. */
    void batch(BatchStats stats);

    /** One request waited {@code queueNs} from decode to the start of its batch's model call. */
    void queued(long queueNs);
}
