package org.wsinfer.loadtest.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import org.wsinfer.protocol.ErrorCode;

/** The driver's answer decoder reads the protocol's test vectors. */
class AnswerDecoderTest {
    private static ByteBuf hex(String name) throws IOException {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(vectorOf(name)));
    }

    private static String vectorOf(String name) throws IOException {
        return RequestTemplateTestAccess.vector(name);
    }

    @Test
    void binaryPredictionAndError() throws IOException {
        DecodedAnswer a = new DecodedAnswer();
        assertTrue(new AnswerDecoder(true).decodeBinary(hex("response.predict"), a));
        assertTrue(a.ok);
        assertEquals(42, a.id);
        assertEquals(7, a.modelVersion);
        assertEquals(1200, a.queueNs);
        assertEquals(5300, a.computeNs);
        assertArrayEquals(new float[] {1.5f, -0.75f}, a.outputs);
        assertTrue(new AnswerDecoder(false).decodeBinary(hex("response.predict"), a));
        assertNull(a.outputs, "outputs are decoded only in accuracy mode");

        assertTrue(new AnswerDecoder(false).decodeBinary(hex("response.error"), a));
        assertFalse(a.ok);
        assertEquals(42, a.id);
        assertEquals(ErrorCode.SHAPE_MISMATCH, a.errorCode);
        assertEquals("cols 4 != model input_dim 3", a.errorMessage);

        assertFalse(new AnswerDecoder(false).decodeBinary(Unpooled.wrappedBuffer(new byte[] {1, 2, 0}), a));
        ByteBuf truncated = hex("response.predict");
        assertFalse(new AnswerDecoder(false).decodeBinary(truncated.slice(0, truncated.readableBytes() - 1), a));
    }

    @Test
    void jsonPredictionAndError() throws IOException {
        DecodedAnswer a = new DecodedAnswer();
        ByteBuf ok = Unpooled.copiedBuffer(vectorOf("json.response"), StandardCharsets.UTF_8);
        assertTrue(new AnswerDecoder(true).decodeText(ok, a));
        assertTrue(a.ok);
        assertEquals(42, a.id);
        assertEquals(1200, a.queueNs);
        assertEquals(5300, a.computeNs);
        assertEquals(2, a.rows);
        assertEquals(1, a.cols);
        assertArrayEquals(new float[] {1.5f, -0.75f}, a.outputs);
        assertEquals(0, ok.readerIndex(), "the buffer is not moved");

        ByteBuf err = Unpooled.copiedBuffer(vectorOf("json.error"), StandardCharsets.UTF_8);
        assertTrue(new AnswerDecoder(false).decodeText(err, a));
        assertFalse(a.ok);
        assertEquals(ErrorCode.SHAPE_MISMATCH, a.errorCode);
        ByteBuf unknown = Unpooled.copiedBuffer("{\"id\":null,\"error\":{\"code\":\"MALFORMED\",\"message\":\"x\"}}",
                StandardCharsets.UTF_8);
        assertTrue(new AnswerDecoder(false).decodeText(unknown, a));
        assertFalse(a.idKnown);
        assertFalse(new AnswerDecoder(false).decodeText(Unpooled.copiedBuffer("{\"id\":", StandardCharsets.UTF_8), a));
        assertFalse(new AnswerDecoder(false).decodeText(Unpooled.copiedBuffer("[1]", StandardCharsets.UTF_8), a));
    }

    /** Reads the copied vectors file. */
    static final class RequestTemplateTestAccess {
        static String vector(String name) throws IOException {
            try (var in = AnswerDecoderTest.class.getResourceAsStream("/vectors.txt")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith(name + " ")) {
                        return line.substring(name.length()).trim();
                    }
                }
            }
            throw new IllegalArgumentException(name);
        }
    }
}
