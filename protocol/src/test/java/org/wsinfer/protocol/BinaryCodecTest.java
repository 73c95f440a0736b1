package org.wsinfer.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryCodecTest {
    private static final PredictRequest VECTOR_REQUEST =
            new PredictRequest(42, 2, 3, new float[] {1f, 2f, 3f, 0.5f, -0.5f, 0.25f});
    private static final Prediction VECTOR_PREDICTION =
            new Prediction(42, 7, 1200, 5300, 2, 1, new float[] {1.5f, -0.75f});
    private static final ErrorAnswer VECTOR_ERROR =
            new ErrorAnswer(42, ErrorCode.SHAPE_MISMATCH, "cols 4 != model input_dim 3");

    @Test
    void requestMatchesVectorByteForByte() {
        ByteBuf buf = BinaryCodec.encodeRequest(ByteBufAllocator.DEFAULT, VECTOR_REQUEST);
        try {
            assertArrayEquals(Vectors.hex("request.predict"), ByteBufUtil.getBytes(buf));
        } finally {
            buf.release();
        }
    }

    @Test
    void predictionMatchesVectorByteForByte() {
        ByteBuf buf = BinaryCodec.encodePrediction(ByteBufAllocator.DEFAULT, VECTOR_PREDICTION);
        try {
            assertArrayEquals(Vectors.hex("response.predict"), ByteBufUtil.getBytes(buf));
        } finally {
            buf.release();
        }
    }

    @Test
    void errorMatchesVectorByteForByte() {
        ByteBuf buf = BinaryCodec.encodeError(ByteBufAllocator.DEFAULT, VECTOR_ERROR);
        try {
            assertArrayEquals(Vectors.hex("response.error"), ByteBufUtil.getBytes(buf));
        } finally {
            buf.release();
        }
    }

    @Test
    void decodesVectors() {
        PredictRequest r = BinaryCodec.decodeRequest(Unpooled.wrappedBuffer(Vectors.hex("request.predict")), 1000);
        assertEquals(42, r.id());
        assertEquals(2, r.rows());
        assertEquals(3, r.cols());
        assertArrayEquals(VECTOR_REQUEST.inputs(), r.inputs());

        Answer a = BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(Vectors.hex("response.predict")));
        Prediction p = assertInstanceOf(Prediction.class, a);
        assertEquals(VECTOR_PREDICTION.id(), p.id());
        assertEquals(7, p.modelVersion());
        assertEquals(1200, p.queueNs());
        assertEquals(5300, p.computeNs());
        assertArrayEquals(VECTOR_PREDICTION.outputs(), p.outputs());

        Answer e = BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(Vectors.hex("response.error")));
        assertEquals(VECTOR_ERROR, e);
    }

    @Test
    void decodeLeavesReaderIndexAndRefCountAlone() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(new byte[] {9, 9, 9});
        buf.readerIndex(3);
        BinaryCodec.writeRequest(VECTOR_REQUEST, buf);
        PredictRequest r = BinaryCodec.decodeRequest(buf, 1000);
        assertEquals(42, r.id());
        assertEquals(3, buf.readerIndex());
        assertEquals(1, buf.refCnt());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 256, 4096})
    void roundTripsRandomRequestsAndAnswersOnHeapDirectAndCompositeBuffers(int cols) {
        SplittableRandom rnd = new SplittableRandom(cols);
        for (int rows : new int[] {1, 3, 32}) {
            float[] in = new float[rows * cols];
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) (rnd.nextDouble() * 2e6 - 1e6);
            }
            PredictRequest req = new PredictRequest(rnd.nextLong() & Long.MAX_VALUE, rows, cols, in);
            for (ByteBuf buf : new ByteBuf[] {Unpooled.buffer(), Unpooled.directBuffer()}) {
                BinaryCodec.writeRequest(req, buf);
                PredictRequest back = BinaryCodec.decodeRequest(split(buf), rows * cols);
                assertEquals(req.id(), back.id());
                assertArrayEquals(req.inputs(), back.inputs());
                buf.clear();
                Prediction p = new Prediction(req.id(), 3, 10, 20, rows, cols, in);
                BinaryCodec.writePrediction(p, buf);
                Prediction pb = (Prediction) BinaryCodec.decodeAnswer(split(buf));
                assertArrayEquals(in, pb.outputs());
                assertEquals(req.id(), pb.id());
                buf.release();
            }
        }
    }

    /** Splits a buffer in two components, so that the non-contiguous read path runs too. */
    private static ByteBuf split(ByteBuf buf) {
        if (buf.isDirect()) {
            return buf;
        }
        int half = buf.readableBytes() / 2;
        CompositeByteBuf c = Unpooled.compositeBuffer();
        c.addComponent(true, Unpooled.wrappedBuffer(ByteBufUtil.getBytes(buf, 0, half)));
        c.addComponent(true, Unpooled.wrappedBuffer(ByteBufUtil.getBytes(buf, half, buf.readableBytes() - half)));
        return c;
    }

    @Test
    void negativeIdsAreOpaqueInBinary() {
        PredictRequest r = new PredictRequest(-7L, 1, 1, new float[] {1f});
        ByteBuf buf = BinaryCodec.encodeRequest(ByteBufAllocator.DEFAULT, r);
        assertEquals(-7L, BinaryCodec.decodeRequest(buf, 10).id());
        buf.release();
    }

    @Test
    void queueAndComputeTimesSaturate() {
        Prediction p = new Prediction(1, 1, 10_000_000_000L, -5, 1, 1, new float[] {0f});
        ByteBuf buf = BinaryCodec.encodePrediction(ByteBufAllocator.DEFAULT, p);
        Prediction back = (Prediction) BinaryCodec.decodeAnswer(buf);
        assertEquals(0xFFFF_FFFFL, back.queueNs());
        assertEquals(0, back.computeNs());
        buf.release();
    }

    @Test
    void errorWithUnknownIdIsWrittenAsZero() {
        ByteBuf buf = BinaryCodec.encodeError(ByteBufAllocator.DEFAULT,
                new ErrorAnswer(Protocol.UNKNOWN_ID, ErrorCode.MALFORMED, "ünïcode"));
        assertEquals(0L, buf.getLongLE(8));
        ErrorAnswer back = (ErrorAnswer) BinaryCodec.decodeAnswer(buf);
        assertEquals("ünïcode", back.message());
        buf.release();
    }

    // ------------------------------------------------------------------ error cases

    @Test
    void tooShortIsMalformedWithUnknownId() {
        ProtocolException e = decodeError(new byte[] {1, 1, 1, 0, 1, 0, 0});
        assertEquals(ErrorCode.MALFORMED, e.code());
        assertFalse(e.hasRequestId());
        assertEquals(ErrorCode.MALFORMED, decodeError(new byte[0]).code());
    }

    @Test
    void badVersionIsMalformedWithTheId() {
        byte[] frame = Vectors.hex("request.predict");
        frame[0] = 2;
        ProtocolException e = decodeError(frame);
        assertEquals(ErrorCode.MALFORMED, e.code());
        assertEquals(42, e.requestId());
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void unknownKind() {
        byte[] frame = Vectors.hex("request.predict");
        frame[1] = 9;
        ProtocolException e = decodeError(frame);
        assertEquals(ErrorCode.UNKNOWN_KIND, e.code());
        assertEquals(42, e.requestId());
    }

    @Test
    void lengthNotMatchingShapeIsMalformed() {
        byte[] frame = Vectors.hex("request.predict");
        assertEquals(ErrorCode.MALFORMED, decodeError(java.util.Arrays.copyOf(frame, frame.length - 1)).code());
        assertEquals(ErrorCode.MALFORMED, decodeError(java.util.Arrays.copyOf(frame, frame.length + 4)).code());
        frame[2] = 0; // rows = 0
        assertEquals(ErrorCode.MALFORMED, decodeError(frame).code());
    }

    @Test
    void hugeHeaderShapeIsRejectedWithoutAllocating() {
        // rows 65535 * cols 2^32-1 overflows 32 bits; the frame is tiny: the length check must catch it first
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(1).writeByte(1).writeShortLE(0xFFFF).writeIntLE(-1).writeLongLE(5);
        ProtocolException e = assertThrows(ProtocolException.class, () -> BinaryCodec.decodeRequest(buf, 262_144));
        assertEquals(ErrorCode.MALFORMED, e.code());
        assertEquals(5, e.requestId());
    }

    @Test
    void tooManyElementsIsTooLarge() {
        PredictRequest r = new PredictRequest(3, 4, 5, new float[20]);
        ByteBuf buf = BinaryCodec.encodeRequest(ByteBufAllocator.DEFAULT, r);
        ProtocolException e = assertThrows(ProtocolException.class, () -> BinaryCodec.decodeRequest(buf, 19));
        assertEquals(ErrorCode.TOO_LARGE, e.code());
        assertEquals(3, e.requestId());
        assertEquals(20, BinaryCodec.decodeRequest(buf, 20).inputs().length);
        buf.release();
    }

    @Test
    void nanAndInfinityAreInvalidValues() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            PredictRequest r = new PredictRequest(11, 1, 3, new float[] {1f, bad, 2f});
            ByteBuf buf = BinaryCodec.encodeRequest(ByteBufAllocator.DEFAULT, r);
            ProtocolException e = assertThrows(ProtocolException.class, () -> BinaryCodec.decodeRequest(buf, 100));
            assertEquals(ErrorCode.INVALID_VALUE, e.code());
            assertEquals(11, e.requestId());
            buf.release();
        }
    }

    @Test
    void badAnswersAreMalformed() {
        byte[] err = Vectors.hex("response.error");
        err[4] = 99; // message length disagrees with the frame
        assertEquals(ErrorCode.MALFORMED, assertThrows(ProtocolException.class,
                () -> BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(err))).code());
        byte[] err2 = Vectors.hex("response.error");
        err2[2] = 42; // unknown error code
        assertEquals(ErrorCode.MALFORMED, assertThrows(ProtocolException.class,
                () -> BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(err2))).code());
        byte[] pred = Vectors.hex("response.predict");
        assertEquals(ErrorCode.MALFORMED, assertThrows(ProtocolException.class,
                () -> BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(pred, 0, pred.length - 2))).code());
        byte[] kind = Vectors.hex("response.predict");
        kind[1] = 1;
        assertEquals(ErrorCode.UNKNOWN_KIND, assertThrows(ProtocolException.class,
                () -> BinaryCodec.decodeAnswer(Unpooled.wrappedBuffer(kind))).code());
    }

    private static ProtocolException decodeError(byte[] frame) {
        return assertThrows(ProtocolException.class,
                () -> BinaryCodec.decodeRequest(Unpooled.wrappedBuffer(frame), 262_144));
    }
}
