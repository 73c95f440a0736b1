package org.wsinfer.server.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.server.model.EchoModel;
import org.wsinfer.server.model.LinearModel;
import org.wsinfer.server.model.Model;
import org.wsinfer.server.model.ModelFactory;

/** One batch of several requests (row blocks into the model) answers exactly as each request alone. */
class BatchRunnerTest {
    private static final AnswerSink NOWHERE = finished -> { };

    private static PredictRequest request(SplittableRandom r, long id, int rows, int cols) {
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new PredictRequest(id, rows, cols, x);
    }

    private static List<InferenceJob> jobs(List<PredictRequest> requests, long decodedAtNs) {
        List<InferenceJob> jobs = new ArrayList<>();
        for (PredictRequest p : requests) {
            jobs.add(new InferenceJob(p, Framing.BINARY, decodedAtNs, NOWHERE));
        }
        return jobs;
    }

    /** {@code delta}: BLAS may round a batch of N rows differently from one row (a different kernel blocking). */
    private static void assertBatchEqualsAlone(Model model, float delta) {
        SplittableRandom r = new SplittableRandom(21);
        List<PredictRequest> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(request(r, i, 1 + i % 3, model.inputDim()));
        }
        requests.add(5, request(r, 99, 2, model.inputDim() + 1));    // a wrong shape in the middle of the batch
        AtomicLong clock = new AtomicLong(1_000);
        BatchRunner runner = new BatchRunner(() -> clock.addAndGet(500), BatchObserver.NONE);
        List<InferenceJob> batch = jobs(requests, 100);
        BatchStats stats = runner.run(model, batch);
        assertEquals(12, stats.jobs());
        assertEquals(12 / 3 * (1 + 2 + 3), stats.rows());
        ErrorAnswer wrong = assertInstanceOf(ErrorAnswer.class, batch.get(5).answer());
        assertEquals(ErrorCode.SHAPE_MISMATCH, wrong.code());
        assertEquals(99, wrong.id());
        BatchRunner alone = new BatchRunner(System::nanoTime, BatchObserver.NONE);
        for (int i = 0; i < batch.size(); i++) {
            if (i == 5) {
                continue;
            }
            Prediction p = assertInstanceOf(Prediction.class, batch.get(i).answer());
            InferenceJob single = jobs(List.of(requests.get(i)), 0).get(0);
            alone.run(model, List.of(single));
            Prediction want = (Prediction) single.answer();
            assertEquals(want.id(), p.id());
            assertEquals(want.rows(), p.rows());
            assertArrayEquals(want.outputs(), p.outputs(), delta, "request " + p.id() + " in a batch vs alone");
            assertEquals(1_500 - 100, p.queueNs(), "decode to the start of the batch's one call");
            assertEquals(500, p.computeNs(), "the batch's one call");
        }
    }

    @Test
    void linearModelBatchEqualsEachRequestAlone() {
        assertBatchEqualsAlone(ModelFactory.random("b", 1, 16, 1, 3), 1e-5f);
        LinearModel wide = ModelFactory.random("w", 2, 256, 3, 4);
        assertBatchEqualsAlone(wide, 1e-5f);
    }

    @Test
    void echoBatchEqualsEachRequestAlone() {
        assertBatchEqualsAlone(new EchoModel(16), 0f);
    }

    @Test
    void theDefaultGatheringPathEqualsTooAndTheRunnerReusesItsOutputArray() {
        Model plain = new org.wsinfer.server.model.JavaLinearModel(ModelFactory.random("j", 1, 8, 2, 6));
        assertBatchEqualsAlone(plain, 0f);
        BatchRunner runner = new BatchRunner(System::nanoTime, BatchObserver.NONE);
        SplittableRandom r = new SplittableRandom(2);
        for (int round = 0; round < 3; round++) {   // a smaller batch after a larger one reads no stale rows
            int n = 8 - 3 * round;
            List<PredictRequest> reqs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                reqs.add(request(r, i, 1, 8));
            }
            List<InferenceJob> batch = jobs(reqs, 0);
            runner.run(plain, batch);
            for (int i = 0; i < n; i++) {
                float[] want = new float[2];
                plain.predict(reqs.get(i).inputs(), 1, want);
                assertArrayEquals(want, ((Prediction) batch.get(i).answer()).outputs());
            }
        }
    }
}
