package org.wsinfer.loadtest.gatling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.wsinfer.protocol.Answer;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.Prediction;
import org.wsinfer.protocol.ProtocolException;

import java.util.Locale;

/**
 * Judges one answer frame against the request it answers: a PREDICTION, with the request's id, the request's rows,
 * the expected number of outputs and (when the model is known) the expected values; returns {@link #VALID} or a
 * sentence naming the problem, which Gatling shows as the check's failure.
 */
public final class AnswerValidator {
    /** What {@link #checkBinary} and {@link #checkText} return for an answer that passes every check. */
    public static final String VALID = "valid prediction";

    private final PayloadPool pool;
    private final int outputsPerRow;
    private final double tolerance;
    private final boolean checkValues;

    /**
     * @param pool          the payloads the requests were made from (and their expected outputs, if known)
     * @param outputsPerRow outputs per row the model produces
     * @param tolerance     accepted error per value, relative to {@code max(1, |expected|)}
     * @param checkValues   whether values are compared when the pool knows them
     */
    public AnswerValidator(PayloadPool pool, int outputsPerRow, double tolerance, boolean checkValues) {
        this.pool = pool;
        this.outputsPerRow = outputsPerRow;
        this.tolerance = tolerance;
        this.checkValues = checkValues;
    }

    /** Checks a binary answer frame to request {@code id}, which carried pool entry {@code index}. */
    public String checkBinary(byte[] frame, long id, int index) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        try {
            return check(BinaryCodec.decodeAnswer(buf), id, index);
        } catch (ProtocolException e) {
            return "undecodable binary answer (" + e.code() + "): " + e.getMessage();
        } finally {
            buf.release();
        }
    }

    /** Checks a JSON text answer to request {@code id}, which carried pool entry {@code index}. */
    public String checkText(String json, long id, int index) {
        try {
            return check(JsonCodec.decodeAnswer(json), id, index);
        } catch (ProtocolException e) {
            return "undecodable text answer (" + e.code() + "): " + e.getMessage();
        }
    }

    /** Checks a decoded answer to request {@code id}, which carried pool entry {@code index}. */
    public String check(Answer answer, long id, int index) {
        if (answer instanceof ErrorAnswer e) {
            return String.format(Locale.US, "ERROR %s for id %d: %s", e.code(), e.id(), e.message());
        }
        Prediction p = (Prediction) answer;
        if (p.id() != id) {
            return String.format(Locale.US, "PREDICTION for id %d, expected id %d", p.id(), id);
        }
        if (p.rows() != pool.rows()) {
            return String.format(Locale.US, "PREDICTION with %d rows, expected %d", p.rows(), pool.rows());
        }
        if (p.cols() != outputsPerRow) {
            return String.format(Locale.US, "PREDICTION with %d outputs per row, expected %d", p.cols(), outputsPerRow);
        }
        float[] expected = checkValues ? pool.expected(index) : null;
        if (expected != null) {
            float[] actual = p.outputs();
            for (int i = 0; i < expected.length; i++) {
                double allowed = tolerance * Math.max(1.0, Math.abs(expected[i]));
                if (!(Math.abs(actual[i] - expected[i]) <= allowed)) {
                    return String.format(Locale.US, "output[%d] = %s, expected %s (tolerance %g)", i, actual[i],
                            expected[i], allowed);
                }
            }
        }
        return VALID;
    }
}
