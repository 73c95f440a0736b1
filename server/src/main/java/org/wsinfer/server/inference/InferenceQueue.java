package org.wsinfer.server.inference;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The bounded queue of accepted jobs, bounded both in requests and in queued input values; never blocks a producer. */
public final class InferenceQueue {
    private final ArrayBlockingQueue<InferenceJob> jobs;
    private final long maxElements;
    private final AtomicLong queuedElements = new AtomicLong();

    /** A queue of at most {@code capacity} jobs holding at most {@code maxElements} input values together. */
    public InferenceQueue(int capacity, long maxElements) {
        this.jobs = new ArrayBlockingQueue<>(capacity);
        this.maxElements = maxElements;
    }

    /** Enqueues {@code job}, or returns false at once when the queue is full. */
    public boolean offer(InferenceJob job) {
        int elements = job.request().inputs().length;
        if (queuedElements.addAndGet(elements) > maxElements) {
            queuedElements.addAndGet(-elements);
            return false;
        }
        if (!jobs.offer(job)) {
            queuedElements.addAndGet(-elements);
            return false;
        }
        return true;
    }

    /** The next job, or {@code null} if none is waiting. */
    public InferenceJob poll() {
        return taken(jobs.poll());
    }

    /** The next job, waiting at most {@code timeoutNs}; {@code null} on timeout. */
    public InferenceJob poll(long timeoutNs) throws InterruptedException {
        return taken(jobs.poll(timeoutNs, TimeUnit.NANOSECONDS));
    }

    /** Jobs waiting now. */
    public int size() {
        return jobs.size();
    }

    /** Input values waiting now. */
    public long queuedElements() {
        return queuedElements.get();
    }

    private InferenceJob taken(InferenceJob job) {
        if (job != null) {
            queuedElements.addAndGet(-job.request().inputs().length);
        }
        return job;
    }
}
