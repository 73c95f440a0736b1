package org.wsinfer.server.inference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.server.TestModels;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batcher with real threads: how jobs are grouped into model calls and scattered back to their connections. */
class BatcherTest {
    private static final int DIM = 4;
    /** Each inference thread makes one call of one zero row when it starts (one thread here). */
    private static final int WARM_UP_CALLS = 1;

    private Batcher batcher;

    @AfterEach
    void tearDown() {
        if (batcher != null) {
            batcher.close();
        }
    }

    /** A sink that records each delivery. */
    static final class Sink implements AnswerSink {
        final BlockingQueue<List<InferenceJob>> deliveries = new LinkedBlockingQueue<>();

        @Override
        public void deliver(List<InferenceJob> finished) {
            deliveries.add(List.copyOf(finished));
        }

        List<InferenceJob> take(int jobs) throws InterruptedException {
            List<InferenceJob> all = new ArrayList<>();
            while (all.size() < jobs) {
                List<InferenceJob> d = deliveries.poll(10, TimeUnit.SECONDS);
                assertNotNull(d, "only " + all.size() + " of " + jobs + " jobs delivered");
                all.addAll(d);
            }
            return all;
        }
    }

    private static InferenceJob job(long id, int rows, AnswerSink sink) {
        float[] in = new float[rows * DIM];
        for (int i = 0; i < in.length; i++) {
            in[i] = id + i * 0.25f;
        }
        return new InferenceJob(new PredictRequest(id, rows, DIM, in), Framing.BINARY, System.nanoTime(), sink);
    }

    private Batcher batcher(TestModels.SumModel model, BatchPolicy policy, int queueCapacity) {
        InferenceQueue queue = new InferenceQueue(queueCapacity, 1 << 20);
        batcher = new Batcher(queue, new ModelHolder(model, Clock.systemUTC()), policy, 1, System::nanoTime,
                BatchObserver.NONE);
        return batcher;
    }

    private static void assertCorrect(InferenceJob job) {
        Prediction p = assertInstanceOf(Prediction.class, job.answer());
        assertEquals(job.request().id(), p.id());
        float[] in = job.request().inputs();
        float[] expected = new float[job.rows() * 2];
        for (int r = 0; r < job.rows(); r++) {
            float[] row = java.util.Arrays.copyOfRange(in, r * DIM, (r + 1) * DIM);
            expected[r * 2] = TestModels.SumModel.expected(row, 0);
            expected[r * 2 + 1] = TestModels.SumModel.expected(row, 1);
        }
        assertArrayEquals(expected, p.outputs(), 1e-4f, "outputs of job " + p.id());
        assertTrue(p.queueNs() >= 0 && p.computeNs() >= 0);
    }

    @Test
    void waitingJobsShareModelCallsUpToMaxBatchRows() throws Exception {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 2);
        Batcher b = batcher(model, new BatchPolicy(4, 0), 100);
        Sink sink = new Sink();
        for (int i = 1; i <= 10; i++) {
            assertTrue(b.submit(job(i, 1, sink)));
        }
        b.start();
        List<InferenceJob> done = sink.take(10);
        done.forEach(BatcherTest::assertCorrect);
        assertEquals(3, model.calls.get() - WARM_UP_CALLS, "10 waiting rows in batches of 4, 4, 2");
        assertEquals(4, model.maxRows.get());
    }

    @Test
    void aJobWithMoreRowsThanABatchRunsAloneAndOrderIsKept() throws Exception {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 2);
        Batcher b = batcher(model, new BatchPolicy(4, 0), 100);
        Sink sink = new Sink();
        b.submit(job(1, 1, sink));
        b.submit(job(2, 10, sink));
        b.submit(job(3, 2, sink));
        b.submit(job(4, 2, sink));
        b.start();
        List<InferenceJob> done = sink.take(4);
        done.forEach(BatcherTest::assertCorrect);
        assertEquals(List.of(1L, 2L, 3L, 4L), done.stream().map(j -> j.request().id()).toList());
        assertEquals(3, model.calls.get() - WARM_UP_CALLS, "[1] then [10] alone then [2+2]");
        assertEquals(10, model.maxRows.get());
    }

    @Test
    void batchingOffMakesOneCallPerRequest() throws Exception {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 2);
        Batcher b = batcher(model, BatchPolicy.off(), 100);
        Sink sink = new Sink();
        for (int i = 1; i <= 5; i++) {
            b.submit(job(i, 2, sink));
        }
        b.start();
        sink.take(5).forEach(BatcherTest::assertCorrect);
        assertEquals(5, model.calls.get() - WARM_UP_CALLS);
        assertEquals(2, model.maxRows.get());
    }

    @Test
    void theQueueDelayLetsALaterRequestJoinTheBatch() throws Exception {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 2);
        Batcher b = batcher(model, new BatchPolicy(8, TimeUnit.SECONDS.toNanos(2)), 100).start();
        Sink sink = new Sink();
        b.submit(job(1, 1, sink));
        Thread.sleep(50);
        b.submit(job(2, 1, sink));
        Thread.sleep(50);
        for (int i = 3; i <= 8; i++) {
            b.submit(job(i, 1, sink));
        }
        sink.take(8).forEach(BatcherTest::assertCorrect);
        assertEquals(1, model.calls.get() - WARM_UP_CALLS, "a full batch of 8 rows went out before the 2 s delay");
        assertEquals(8, model.maxRows.get());
    }

    @Test
    void eachConnectionGetsOneDeliveryPerBatch() throws Exception {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 2);
        Batcher b = batcher(model, new BatchPolicy(16, 0), 100);
        Sink a = new Sink();
        Sink c = new Sink();
        for (int i = 1; i <= 6; i++) {
            b.submit(job(i, 1, i % 2 == 0 ? a : c));
        }
        b.start();
        List<InferenceJob> forA = a.take(3);
        List<InferenceJob> forC = c.take(3);
        assertEquals(1, model.calls.get() - WARM_UP_CALLS);
        assertTrue(a.deliveries.isEmpty() && c.deliveries.isEmpty(), "exactly one delivery each");
        forA.forEach(j -> assertEquals(0, j.request().id() % 2));
        forC.forEach(j -> assertEquals(1, j.request().id() % 2));
        forA.forEach(BatcherTest::assertCorrect);
        forC.forEach(BatcherTest::assertCorrect);
    }

    @Test
    void fullQueueRefusesAtOnceAndCloseAnswersQueuedJobsUnavailable() throws Exception {
        TestModels.SumModel model = new TestModels.SumModel(DIM, 2);
        Batcher b = batcher(model, new BatchPolicy(4, 0), 2);
        Sink sink = new Sink();
        assertTrue(b.submit(job(1, 1, sink)));
        assertTrue(b.submit(job(2, 1, sink)));
        assertFalse(b.submit(job(3, 1, sink)), "queue of 2 is full");
        b.close();
        List<InferenceJob> done = sink.take(2);
        for (InferenceJob j : done) {
            assertEquals(ErrorCode.UNAVAILABLE, assertInstanceOf(ErrorAnswer.class, j.answer()).code());
        }
        assertEquals(0, model.calls.get());
        assertFalse(b.submit(job(4, 1, sink)), "a closed batcher accepts nothing");
    }

    @Test
    void queueIsBoundedInQueuedValuesToo() {
        InferenceQueue q = new InferenceQueue(100, 10);
        Sink sink = new Sink();
        assertTrue(q.offer(job(1, 2, sink)));
        assertFalse(q.offer(job(2, 1, sink)), "8 + 4 values > 10");
        assertEquals(8, q.queuedElements());
        assertNotNull(q.poll());
        assertEquals(0, q.queuedElements());
        assertTrue(q.offer(job(3, 2, sink)));
    }
}
