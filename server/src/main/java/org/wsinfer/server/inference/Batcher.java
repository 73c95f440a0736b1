package org.wsinfer.server.inference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The dynamic batcher: inference threads take the waiting jobs of all connections from the bounded
 * {@link InferenceQueue}, up to {@link BatchPolicy#maxBatchRows()} rows or until the oldest job has waited
 * {@link BatchPolicy#maxQueueDelayNs()}, run ONE model call per batch and hand the answers back to each connection
 * (one {@link AnswerSink#deliver} per connection per batch). A job with more rows than a batch runs alone.
 * Each thread makes one warm-up call of one zero row before taking jobs (per-thread model workspaces).
 */
public final class Batcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);
    private static final long IDLE_POLL_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final InferenceQueue queue;
    private final ModelHolder models;
    private final BatchPolicy policy;
    private final LongSupplier nanoClock;
    private final BatchObserver observer;
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch warmedUp;
    private volatile boolean stopping;

    /** A batcher over {@code queue} with {@code threadCount} inference threads (not started). */
    public Batcher(InferenceQueue queue, ModelHolder models, BatchPolicy policy, int threadCount, LongSupplier nanoClock,
                   BatchObserver observer) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount must be >= 1");
        }
        this.queue = queue;
        this.models = models;
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.observer = observer;
        this.warmedUp = new CountDownLatch(threadCount);
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(new Worker(), "wsinfer-inference-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    /** Starts the inference threads and returns once each has made its warm-up call. */
    public Batcher start() {
        threads.forEach(Thread::start);
        try {
            if (!warmedUp.await(60, TimeUnit.SECONDS)) {
                LOG.warn("inference threads not warmed up after 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** Queues {@code job}; false (at once, never blocking) when the queue is full. */
    public boolean submit(InferenceJob job) {
        return !stopping && queue.offer(job);
    }

    /** Jobs waiting for a model call. */
    public int queued() {
        return queue.size();
    }

    /** Stops the threads after their current batch; jobs still queued are answered UNAVAILABLE. */
    @Override
    public void close() {
        stopping = true;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<InferenceJob> left = new ArrayList<>();
        for (InferenceJob job = queue.poll(); job != null; job = queue.poll()) {
            left.add(job);
        }
        reject(left);
    }

    private void reject(List<InferenceJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        for (InferenceJob job : jobs) {
            job.answer(new ErrorAnswer(job.request().id(), ErrorCode.UNAVAILABLE, "server is shutting down"));
        }
        deliver(jobs);
    }

    private static void deliver(List<InferenceJob> batch) {
        if (batch.size() == 1) {
            batch.get(0).sink().deliver(List.of(batch.get(0)));
            return;
        }
        Map<AnswerSink, List<InferenceJob>> bySink = new HashMap<>();
        for (InferenceJob job : batch) {
            bySink.computeIfAbsent(job.sink(), s -> new ArrayList<>()).add(job);
        }
        for (Map.Entry<AnswerSink, List<InferenceJob>> e : bySink.entrySet()) {
            e.getKey().deliver(e.getValue());
        }
    }

    /** One inference thread: collect a batch, run it, deliver it, repeat. */
    private final class Worker implements Runnable {
        private final BatchRunner runner = new BatchRunner(nanoClock, observer);
        private final List<InferenceJob> batch = new ArrayList<>();
        private InferenceJob carry;

        @Override
        public void run() {
            warmUp();
            try {
                while (!stopping) {
                    InferenceJob first = carry;
                    carry = null;
                    if (first == null) {
                        first = queue.poll(IDLE_POLL_NS);
                        if (first == null) {
                            continue;
                        }
                    }
                    batch.clear();
                    batch.add(first);
                    collect(first);
                    runAndDeliver();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                List<InferenceJob> left = new ArrayList<>(batch.size() + 1);
                for (InferenceJob job : batch) {
                    if (job.answer() == null) {
                        left.add(job);
                    }
                }
                if (carry != null) {
                    left.add(carry);
                    carry = null;
                }
                batch.clear();
                reject(left);
            }
        }

        /** One call on this thread before any request, so per-thread model workspaces exist before the first one. */
        private void warmUp() {
            try {
                var m = models.model();
                m.predict(new float[m.inputDim()], 1, new float[m.outputDim()]);
            } catch (RuntimeException e) {
                LOG.warn("warm-up prediction on {} failed: {}", Thread.currentThread().getName(), e.toString());
            } finally {
                warmedUp.countDown();
            }
        }

        private void collect(InferenceJob first) throws InterruptedException {
            int maxRows = policy.maxBatchRows();
            if (maxRows == 0 || first.rows() >= maxRows) {
                return;
            }
            int rows = first.rows();
            long deadlineNs = first.decodedAtNs() + policy.maxQueueDelayNs();
            while (rows < maxRows) {
                InferenceJob next = queue.poll();
                if (next == null) {
                    long waitNs = deadlineNs - nanoClock.getAsLong();
                    if (policy.maxQueueDelayNs() == 0 || waitNs <= 0) {
                        return;
                    }
                    next = queue.poll(waitNs);
                    if (next == null) {
                        return;
                    }
                }
                if (rows + next.rows() > maxRows) {
                    carry = next;
                    return;
                }
                batch.add(next);
                rows += next.rows();
            }
        }

        private void runAndDeliver() {
            try {
                runner.run(models.model(), batch);
            } catch (RuntimeException e) {
                LOG.warn("batch of {} jobs failed", batch.size(), e);
                for (InferenceJob job : batch) {
                    if (job.answer() == null) {
                        job.answer(new ErrorAnswer(job.request().id(), ErrorCode.INTERNAL, "inference failed"));
                    }
                }
            }
            try {
                deliver(batch);
            } catch (RuntimeException e) {
                LOG.warn("delivering a batch of {} answers failed", batch.size(), e);
            }
            batch.clear();
        }
    }
}
