package org.wsinfer.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonCodecTest {
    @Test
    void encodesTheVectorsExactly() {
        assertEquals(Vectors.text("json.request"), JsonCodec.encodeRequest(
                new PredictRequest(42, 2, 3, new float[] {1f, 2f, 3f, 0.5f, -0.5f, 0.25f})));
        assertEquals(Vectors.text("json.response"), JsonCodec.encodePrediction(
                new Prediction(42, 7, 1200, 5300, 2, 1, new float[] {1.5f, -0.75f})));
        assertEquals(Vectors.text("json.error"), JsonCodec.encodeError(
                new ErrorAnswer(42, ErrorCode.SHAPE_MISMATCH, "cols 4 != model input_dim 3")));
        assertEquals("{\"id\":null,\"error\":{\"code\":\"MALFORMED\",\"message\":\"x\"}}",
                JsonCodec.encodeError(new ErrorAnswer(Protocol.UNKNOWN_ID, ErrorCode.MALFORMED, "x")));
    }

    @Test
    void decodesTheVectors() {
        PredictRequest r = JsonCodec.decodeRequest(Vectors.text("json.request"), 100);
        assertEquals(42, r.id());
        assertEquals(2, r.rows());
        assertEquals(3, r.cols());
        assertArrayEquals(new float[] {1f, 2f, 3f, 0.5f, -0.5f, 0.25f}, r.inputs());
        Prediction p = assertInstanceOf(Prediction.class, JsonCodec.decodeAnswer(Vectors.text("json.response")));
        assertEquals(7, p.modelVersion());
        assertEquals(1200, p.queueNs());
        assertEquals(5300, p.computeNs());
        assertArrayEquals(new float[] {1.5f, -0.75f}, p.outputs());
        ErrorAnswer e = assertInstanceOf(ErrorAnswer.class, JsonCodec.decodeAnswer(Vectors.text("json.error")));
        assertEquals(ErrorCode.SHAPE_MISMATCH, e.code());
        assertEquals(42, e.id());
    }

    @Test
    void binaryAndJsonVectorsDescribeTheSameExchange() {
        PredictRequest fromJson = JsonCodec.decodeRequest(Vectors.text("json.request"), 100);
        PredictRequest fromBinary = BinaryCodec.decodeRequest(Unpooled.wrappedBuffer(Vectors.hex("request.predict")), 100);
        assertEquals(fromBinary.id(), fromJson.id());
        assertArrayEquals(fromBinary.inputs(), fromJson.inputs());
        Prediction pj = (Prediction) JsonCodec.decodeAnswer(Vectors.text("json.response"));
        Prediction pb = (Prediction) BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(Vectors.hex("response.predict")));
        assertArrayEquals(pb.outputs(), pj.outputs());
        assertEquals(pb.queueNs(), pj.queueNs());
        assertEquals(JsonCodec.decodeAnswer(Vectors.text("json.error")),
                BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(Vectors.hex("response.error"))));
    }

    @Test
    void roundTripsThroughByteBufsExactly() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int cols : new int[] {1, 16, 256}) {
            float[] in = new float[4 * cols];
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) rnd.nextGaussian() * 1000f;
            }
            PredictRequest req = new PredictRequest(Protocol.MAX_JSON_ID, 4, cols, in);
            ByteBuf heap = Unpooled.buffer();
            ByteBuf direct = Unpooled.directBuffer();
            JsonCodec.writeRequest(req, heap);
            JsonCodec.writeRequest(req, direct);
            for (ByteBuf b : new ByteBuf[] {heap, direct}) {
                PredictRequest back = JsonCodec.decodeRequest(b, 10_000);
                assertEquals(req.id(), back.id());
                assertArrayEquals(in, back.inputs(), "float32 text must round-trip exactly");
                assertEquals(0, b.readerIndex());
                b.clear();
                JsonCodec.writePrediction(new Prediction(9, 1, 2, 3, 4, cols, in), b);
                assertArrayEquals(in, ((Prediction) JsonCodec.decodeAnswer(b)).outputs());
                b.release();
            }
        }
    }

    @Test
    void fieldOrderAndUnknownFieldsDoNotMatter() {
        PredictRequest r = JsonCodec.decodeRequest(
                "{\"inputs\":[[1,2]],\"trace\":{\"a\":[1,{\"b\":2}]},\"id\":5}", 100);
        assertEquals(5, r.id());
        assertArrayEquals(new float[] {1f, 2f}, r.inputs());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json at all                              | MALFORMED      | -1",
        "[1,2,3]                                      | MALFORMED      | -1",
        "{\"id\":1}                                   | MALFORMED      | 1",
        "{\"inputs\":[[1]]}                           | MALFORMED      | -1",
        "{\"id\":-1,\"inputs\":[[1]]}                 | MALFORMED      | -1",
        "{\"id\":9007199254740992,\"inputs\":[[1]]}   | MALFORMED      | -1",
        "{\"id\":1.5,\"inputs\":[[1]]}                | MALFORMED      | -1",
        "{\"id\":\"7\",\"inputs\":[[1]]}              | MALFORMED      | -1",
        "{\"id\":2,\"inputs\":[]}                     | MALFORMED      | 2",
        "{\"id\":2,\"inputs\":[[]]}                   | MALFORMED      | 2",
        "{\"id\":2,\"inputs\":[1,2]}                  | MALFORMED      | 2",
        "{\"inputs\":7,\"id\":2}                      | MALFORMED      | 2",
        "{\"inputs\":{\"a\":[1]},\"id\":2}          | MALFORMED      | 2",
        "{\"id\":2,\"inputs\":[[1,\"a\"]]}            | MALFORMED      | 2",
        "{\"id\":2,\"inputs\":[[1,[2]]]}              | MALFORMED      | 2",
        "{\"id\":2,\"inputs\":[[1,2]]} trailing       | MALFORMED      | 2",
        "{\"id\":2,\"inputs\":[[1,2]]                 | MALFORMED      | 2",
        "{\"id\":3,\"inputs\":[[1,2],[3]]}            | SHAPE_MISMATCH | 3",
        "{\"inputs\":[[1,2],[3]],\"id\":3}            | SHAPE_MISMATCH | 3",
        "{\"id\":4,\"inputs\":[[1,NaN]]}              | INVALID_VALUE  | 4",
        "{\"id\":4,\"inputs\":[[Infinity]]}           | INVALID_VALUE  | 4",
        "{\"id\":4,\"inputs\":[[-Infinity]]}          | INVALID_VALUE  | 4",
        "{\"id\":4,\"inputs\":[[1e39]]}               | INVALID_VALUE  | 4",
        "{\"id\":5,\"inputs\":[[1,2,3],[4,5,6]]}      | TOO_LARGE      | 5",
    })
    void rejectsBadRequestsWithTheDocumentedCode(String json, ErrorCode code, long id) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.decodeRequest(json.trim(), 5));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(id, e.requestId(), e.getMessage());
        ByteBuf utf8 = Unpooled.copiedBuffer(json.trim(), StandardCharsets.UTF_8);
        assertEquals(code, assertThrows(ProtocolException.class, () -> JsonCodec.decodeRequest(utf8, 5)).code());
        utf8.release();
    }

    @Test
    void deepNestingFailsFastAsMalformed() {
        String deep = "{\"id\":1,\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"inputs\":[[1]]}";
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.decodeRequest(deep, 100));
        assertEquals(ErrorCode.MALFORMED, e.code());
        assertTrue(e.getMessage().contains("deep") || e.getMessage().contains("nesting"), e.getMessage());
    }

    @Test
    void tooManyRowsIsTooLargeBeforeReadingThemAll() {
        StringBuilder sb = new StringBuilder("{\"id\":8,\"inputs\":[");
        for (int i = 0; i < 70_000; i++) {
            sb.append(i == 0 ? "[1]" : ",[1]");
        }
        sb.append("]}");
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> JsonCodec.decodeRequest(sb.toString(), 1_000_000));
        assertEquals(ErrorCode.TOO_LARGE, e.code());
        assertEquals(8, e.requestId());
    }

    @Test
    void answersNeedTheirFields() {
        assertEquals(ErrorCode.MALFORMED, assertThrows(ProtocolException.class,
                () -> JsonCodec.decodeAnswer("{\"model_version\":1,\"outputs\":[[1]]}")).code());
        assertEquals(ErrorCode.MALFORMED, assertThrows(ProtocolException.class,
                () -> JsonCodec.decodeAnswer("{\"id\":1,\"outputs\":[[1]]}")).code());
        assertEquals(ErrorCode.MALFORMED, assertThrows(ProtocolException.class,
                () -> JsonCodec.decodeAnswer("{\"id\":1,\"error\":{\"code\":\"NOPE\",\"message\":\"\"}}")).code());
        ErrorAnswer e = (ErrorAnswer) JsonCodec.decodeAnswer(
                "{\"id\":null,\"error\":{\"code\":\"OVERLOADED\",\"message\":\"retry\"}}");
        assertFalse(e.id() != Protocol.UNKNOWN_ID);
        assertEquals(ErrorCode.OVERLOADED, e.code());
    }
}
