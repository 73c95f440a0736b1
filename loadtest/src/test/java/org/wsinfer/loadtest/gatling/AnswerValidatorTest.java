package org.wsinfer.loadtest.gatling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.ErrorAnswer;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;
import org.wsinfer.protocol.Prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerValidatorTest {
    private static final ReferenceModel MODEL = ReferenceModel.linear("test", 3, 2,
            new float[]{1, 0, 0, 1, 1, 1}, new float[]{0.5f, -0.5f});
    private final PayloadPool pool = new PayloadPool(4, 2, 3, MODEL);
    private final AnswerValidator validator = new AnswerValidator(pool, 2, 1e-4, true);

    private Prediction prediction(long id, int index, float[] outputs) {
        return new Prediction(id, 1, 100, 200, 2, 2, outputs);
    }

    private static byte[] binary(Prediction p) {
        ByteBuf buf = BinaryCodec.encodePrediction(UnpooledByteBufAllocator.DEFAULT, p);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void acceptsTheRightPredictionInBothFramings() {
        Prediction p = prediction(42, 1, pool.expected(1));
        assertEquals(AnswerValidator.VALID, validator.checkBinary(binary(p), 42, 1));
        assertEquals(AnswerValidator.VALID, validator.checkText(JsonCodec.encodePrediction(p), 42, 1));
    }

    @Test
    void rejectsAnotherRequestsId() {
        String problem = validator.checkBinary(binary(prediction(41, 1, pool.expected(1))), 42, 1);
        assertTrue(problem.contains("id 41") && problem.contains("expected id 42"), problem);
    }

    @Test
    void rejectsAnErrorAnswer() {
        String json = JsonCodec.encodeError(new ErrorAnswer(42, ErrorCode.SHAPE_MISMATCH, "expected 16 features"));
        String problem = validator.checkText(json, 42, 1);
        assertTrue(problem.contains("SHAPE_MISMATCH") && problem.contains("expected 16 features"), problem);
    }

    @Test
    void rejectsTheWrongNumberOfOutputs() {
        Prediction p = new Prediction(42, 1, 0, 0, 2, 1, new float[]{1, 2});
        String problem = validator.checkBinary(binary(p), 42, 1);
        assertTrue(problem.contains("1 outputs per row, expected 2"), problem);
        Prediction oneRow = new Prediction(42, 1, 0, 0, 1, 2, new float[]{1, 2});
        assertTrue(validator.checkBinary(binary(oneRow), 42, 1).contains("1 rows, expected 2"));
    }

    @Test
    void rejectsWrongValuesUnlessValueChecksAreOff() {
        float[] wrong = pool.expected(1).clone();
        wrong[3] += 0.01f;
        String problem = validator.checkBinary(binary(prediction(42, 1, wrong)), 42, 1);
        assertTrue(problem.startsWith("output[3]"), problem);
        AnswerValidator shapeOnly = new AnswerValidator(pool, 2, 1e-4, false);
        assertEquals(AnswerValidator.VALID, shapeOnly.checkBinary(binary(prediction(42, 1, wrong)), 42, 1));
    }

    @Test
    void rejectsUndecodableFramesWithoutThrowing() {
        assertTrue(validator.checkBinary(new byte[]{1, 2, 3}, 42, 1).startsWith("undecodable binary answer"));
        assertTrue(validator.checkText("{\"id\":42,", 42, 1).startsWith("undecodable text answer"));
        // a request frame is not an answer
        PredictRequest r = pool.request(42, 1);
        assertTrue(validator.checkText(JsonCodec.encodeRequest(r), 42, 1).startsWith("undecodable text answer"));
    }

    @Test
    void poolFramesCarryTheIdAndTheSameInputsInBothFramings() {
        byte[] frame = pool.binaryFrame(7, 2);
        PredictRequest fromBinary = BinaryCodec.decodeRequest(io.netty.buffer.Unpooled.wrappedBuffer(frame), 1000);
        PredictRequest fromText = JsonCodec.decodeRequest(pool.textFrame(7, 2), 1000);
        assertEquals(7, fromBinary.id());
        assertEquals(7, fromText.id());
        assertEquals(2, fromBinary.rows());
        assertEquals(3, fromBinary.cols());
        assertEquals(java.util.Arrays.toString(fromBinary.inputs()), java.util.Arrays.toString(fromText.inputs()));
        assertEquals(2, pool.indexOf(6));
        assertEquals(3, pool.indexOf(-1));
    }

    @Test
    void referenceModelComputesXwPlusB() {
        float[] y = MODEL.predict(new float[]{1, 2, 3, 0, 0, 0}, 2);
        // row 1: x = (1,2,3), W columns (1,0,1) and (0,1,1): y = (1+3+0.5, 2+3-0.5)
        assertEquals(4.5f, y[0]);
        assertEquals(4.5f, y[1]);
        assertEquals(0.5f, y[2]);
        assertEquals(-0.5f, y[3]);
        assertEquals(java.util.Arrays.toString(new float[]{1, 2}),
                java.util.Arrays.toString(ReferenceModel.echo(2).predict(new float[]{1, 2}, 1)));
    }
}
