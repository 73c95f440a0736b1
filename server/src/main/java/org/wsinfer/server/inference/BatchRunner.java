package org.wsinfer.server.inference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.server.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Runs one batch of jobs through ONE model call ({@link Model#predict} or {@link Model#predictBlocks}) and sets each
 * job's answer.
 *
 * <p>Not thread-safe: each inference thread owns one, and with it the batch's block list and output array it reuses.
 * A single-job batch is given the request's own input array; a batch of several is given the requests' arrays as row
 * blocks ({@link Model#predictBlocks}), which the model copies straight into its own input buffer (no gathering copy).
 * {@code queue_ns} of a job is decode to the start of the model call; {@code compute_ns} is the duration of that call
 * (shared by the batch).
 */
public final class BatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    private final LongSupplier nanoClock;
    private final BatchObserver observer;
    private final List<float[]> blocks = new ArrayList<>();
    private float[] batchOutputs = new float[0];

    /** A runner timing with {@code nanoClock} and reporting to {@code observer}. */
    public BatchRunner(LongSupplier nanoClock, BatchObserver observer) {
        this.nanoClock = nanoClock;
        this.observer = observer;
    }

    /** Answers every job of {@code batch} with {@code model}; never throws for a model failure (INTERNAL answers). */
    public BatchStats run(Model model, List<InferenceJob> batch) {
        int inputDim = model.inputDim();
        int outputDim = model.outputDim();
        int rows = 0;
        int jobs = 0;
        InferenceJob only = null;
        for (InferenceJob job : batch) {
            PredictRequest r = job.request();
            if (r.cols() != inputDim) {
                job.answer(new ErrorAnswer(r.id(), ErrorCode.SHAPE_MISMATCH, String.format(Locale.US,
                        "cols %d != model input_dim %d", r.cols(), inputDim)));
                continue;
            }
            rows += r.rows();
            jobs++;
            only = job;
        }
        if (jobs == 0) {
            return BatchStats.NONE;
        }
        float[] outputs;
        if (jobs == 1) {
            outputs = new float[rows * outputDim];
        } else {
            collectBlocks(batch);
            outputs = outputsFor(rows * outputDim);
        }
        long startNs = nanoClock.getAsLong();
        try {
            if (jobs == 1) {
                model.predict(only.request().inputs(), rows, outputs);
            } else {
                try {
                    model.predictBlocks(blocks, rows, outputs);
                } finally {
                    blocks.clear();   // keeps no reference to the requests' inputs until the next batch
                }
            }
        } catch (RuntimeException | LinkageError e) {
            long computeNs = nanoClock.getAsLong() - startNs;
            LOG.warn("model {} v{} failed on a batch of {} rows: {}", model.name(), model.version(), rows, e.toString());
            LOG.debug("model failure", e);
            String message = "model failed: " + e.getClass().getSimpleName();
            for (InferenceJob job : batch) {
                if (job.answer() == null) {
                    job.answer(new ErrorAnswer(job.request().id(), ErrorCode.INTERNAL, message));
                }
            }
            BatchStats stats = new BatchStats(jobs, rows, computeNs, true);
            observer.batch(stats);
            return stats;
        }
        long computeNs = nanoClock.getAsLong() - startNs;
        int version = model.version();
        if (jobs == 1) {
            PredictRequest r = only.request();
            only.answer(new Prediction(r.id(), version, startNs - only.decodedAtNs(), computeNs, r.rows(), outputDim,
                    outputs));
            observer.queued(startNs - only.decodedAtNs());
        } else {
            int at = 0;
            for (InferenceJob job : batch) {
                if (job.answer() != null) {
                    continue;
                }
                PredictRequest r = job.request();
                float[] out = new float[r.rows() * outputDim];
                System.arraycopy(outputs, at, out, 0, out.length);
                at += out.length;
                long queueNs = startNs - job.decodedAtNs();
                job.answer(new Prediction(r.id(), version, queueNs, computeNs, r.rows(), outputDim, out));
                observer.queued(queueNs);
            }
        }
        BatchStats stats = new BatchStats(jobs, rows, computeNs, false);
        observer.batch(stats);
        return stats;
    }

    /** The inputs of the batch's jobs not yet answered (shape checked), in batch order, as the model's row blocks. */
    private void collectBlocks(List<InferenceJob> batch) {
        blocks.clear();
        for (int i = 0; i < batch.size(); i++) {
            InferenceJob job = batch.get(i);
            if (job.answer() == null) {
                blocks.add(job.request().inputs());
            }
        }
    }

    private float[] outputsFor(int needed) {
        if (batchOutputs.length < needed) {
            batchOutputs = new float[needed];
        }
        return batchOutputs;
    }
}
