package org.wsinfer.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes binary frames of protocol v1 (little-endian integers, float32 values, row-major matrices).
 *
 * <p>Pure functions: they never release a buffer nor move the reader index of a buffer they decode; they read the
 * readable bytes of the buffer given. Every decoding failure is a {@link ProtocolException}.
 */
public final class BinaryCodec {
    private BinaryCodec() {
    }

    /** Appends a PREDICT frame to {@code out}. */
    public static void writeRequest(PredictRequest r, ByteBuf out) {
        out.ensureWritable((int) Protocol.requestBytes(r.rows(), r.cols()));
        out.writeByte(Protocol.VERSION);
        out.writeByte(Protocol.KIND_PREDICT);
        out.writeShortLE(r.rows());
        out.writeIntLE(r.cols());
        out.writeLongLE(r.id());
        writeFloats(r.inputs(), out);
    }

    /** A new buffer holding a PREDICT frame. */
    public static ByteBuf encodeRequest(ByteBufAllocator alloc, PredictRequest r) {
        ByteBuf out = alloc.buffer((int) Protocol.requestBytes(r.rows(), r.cols()));
        writeRequest(r, out);
        return out;
    }

    /**
     * Decodes a PREDICT frame.
     *
     * @param frame       the whole frame, from its reader index
     * @param maxElements the largest {@code rows * cols} accepted (TOO_LARGE beyond), checked before allocating
     */
    public static PredictRequest decodeRequest(ByteBuf frame, int maxElements) {
        int base = frame.readerIndex();
        int length = frame.readableBytes();
        if (length < Protocol.REQUEST_HEADER_BYTES) {
            throw new ProtocolException(ErrorCode.MALFORMED,
                    "frame of " + length + " bytes is shorter than the 16-byte PREDICT header");
        }
        int version = frame.getUnsignedByte(base);
        long id = frame.getLongLE(base + 8);
        if (version != Protocol.VERSION) {
            throw new ProtocolException(ErrorCode.MALFORMED, id, "unsupported protocol version " + version);
        }
        int kind = frame.getUnsignedByte(base + 1);
        if (kind != Protocol.KIND_PREDICT) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KIND, id, "unknown frame kind " + kind + " (expected 1, PREDICT)");
        }
        int rows = frame.getUnsignedShortLE(base + 2);
        long cols = frame.getUnsignedIntLE(base + 4);
        if (rows < 1) {
            throw new ProtocolException(ErrorCode.MALFORMED, id, "rows must be >= 1");
        }
        if (cols < 1) {
            throw new ProtocolException(ErrorCode.MALFORMED, id, "cols must be >= 1");
        }
        long elements = rows * cols;
        long expected = Protocol.REQUEST_HEADER_BYTES + 4L * elements;
        if (expected != length) {
            throw new ProtocolException(ErrorCode.MALFORMED, id, "frame length " + length + " != 16 + 4*rows*cols = "
                    + expected + " (rows " + rows + ", cols " + cols + ")");
        }
        if (elements > maxElements) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, id,
                    "rows*cols " + elements + " exceeds the limit of " + maxElements);
        }
        float[] inputs = new float[(int) elements];
        readFloats(frame, base + Protocol.REQUEST_HEADER_BYTES, inputs);
        for (int i = 0; i < inputs.length; i++) {
            if (!Float.isFinite(inputs[i])) {
                throw new ProtocolException(ErrorCode.INVALID_VALUE, id,
                        "input " + i + " (row " + i / cols + ", col " + i % cols + ") is " + inputs[i]);
            }
        }
        return new PredictRequest(id, rows, (int) cols, inputs);
    }

    /** Appends a PREDICTION frame to {@code out}; queue and compute times saturate at 2^32-1 ns. */
    public static void writePrediction(Prediction p, ByteBuf out) {
        out.ensureWritable((int) Protocol.predictionBytes(p.rows(), p.cols()));
        out.writeByte(Protocol.VERSION);
        out.writeByte(Protocol.KIND_PREDICTION);
        out.writeShortLE(p.rows());
        out.writeIntLE(p.cols());
        out.writeLongLE(p.id());
        out.writeIntLE(p.modelVersion());
        out.writeIntLE(saturateU32(p.queueNs()));
        out.writeIntLE(saturateU32(p.computeNs()));
        out.writeIntLE(0);
        writeFloats(p.outputs(), out);
    }

    /** A new buffer holding a PREDICTION frame. */
    public static ByteBuf encodePrediction(ByteBufAllocator alloc, Prediction p) {
        ByteBuf out = alloc.buffer((int) Protocol.predictionBytes(p.rows(), p.cols()));
        writePrediction(p, out);
        return out;
    }

    /** Appends an ERROR frame to {@code out}; an unknown id is written as 0. */
    public static void writeError(ErrorAnswer e, ByteBuf out) {
        byte[] message = e.message().getBytes(StandardCharsets.UTF_8);
        out.ensureWritable(Protocol.ERROR_HEADER_BYTES + message.length);
        out.writeByte(Protocol.VERSION);
        out.writeByte(Protocol.KIND_ERROR);
        out.writeShortLE(e.code().code());
        out.writeIntLE(message.length);
        out.writeLongLE(e.id() == Protocol.UNKNOWN_ID ? 0L : e.id());
        out.writeBytes(message);
    }

    /** A new buffer holding an ERROR frame. */
    public static ByteBuf encodeError(ByteBufAllocator alloc, ErrorAnswer e) {
        ByteBuf out = alloc.buffer(Protocol.ERROR_HEADER_BYTES + e.message().length() * 3);
        writeError(e, out);
        return out;
    }

    /** Decodes a PREDICTION or an ERROR frame. */
    public static Answer decodeAnswer(ByteBuf frame) {
        int base = frame.readerIndex();
        int length = frame.readableBytes();
        if (length < Protocol.ERROR_HEADER_BYTES) {
            throw new ProtocolException(ErrorCode.MALFORMED, "answer of " + length + " bytes is shorter than any header");
        }
        int version = frame.getUnsignedByte(base);
        long id = frame.getLongLE(base + 8);
        if (version != Protocol.VERSION) {
            throw new ProtocolException(ErrorCode.MALFORMED, id, "unsupported protocol version " + version);
        }
        int kind = frame.getUnsignedByte(base + 1);
        if (kind == Protocol.KIND_ERROR) {
            int codeValue = frame.getUnsignedShortLE(base + 2);
            ErrorCode code = ErrorCode.fromCode(codeValue);
            if (code == null) {
                throw new ProtocolException(ErrorCode.MALFORMED, id, "unknown error code " + codeValue);
            }
            long messageLength = frame.getUnsignedIntLE(base + 4);
            if (messageLength != length - Protocol.ERROR_HEADER_BYTES) {
                throw new ProtocolException(ErrorCode.MALFORMED, id, "error message length " + messageLength
                        + " != frame length " + length + " - 16");
            }
            String message = frame.toString(base + Protocol.ERROR_HEADER_BYTES, (int) messageLength, StandardCharsets.UTF_8);
            return new ErrorAnswer(id, code, message);
        }
        if (kind != Protocol.KIND_PREDICTION) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KIND, id, "unknown answer kind " + kind);
        }
        if (length < Protocol.PREDICTION_HEADER_BYTES) {
            throw new ProtocolException(ErrorCode.MALFORMED, id,
                    "frame of " + length + " bytes is shorter than the 32-byte PREDICTION header");
        }
        int rows = frame.getUnsignedShortLE(base + 2);
        long cols = frame.getUnsignedIntLE(base + 4);
        long expected = Protocol.PREDICTION_HEADER_BYTES + 4L * rows * cols;
        if (rows < 1 || cols < 1 || expected != length) {
            throw new ProtocolException(ErrorCode.MALFORMED, id, "frame length " + length
                    + " != 32 + 4*rows*cols = " + expected + " (rows " + rows + ", cols " + cols + ")");
        }
        int modelVersion = frame.getIntLE(base + 16);
        long queueNs = frame.getUnsignedIntLE(base + 20);
        long computeNs = frame.getUnsignedIntLE(base + 24);
        float[] outputs = new float[(int) (rows * cols)];
        readFloats(frame, base + Protocol.PREDICTION_HEADER_BYTES, outputs);
        return new Prediction(id, modelVersion, queueNs, computeNs, rows, (int) cols, outputs);
    }

    /** Bulk-copies little-endian float32 values starting at {@code index} into {@code dst}. */
    public static void readFloats(ByteBuf frame, int index, float[] dst) {
        if (frame.nioBufferCount() == 1) {
            frame.nioBuffer(index, dst.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst);
        } else {
            for (int i = 0, at = index; i < dst.length; i++, at += 4) {
                dst[i] = Float.intBitsToFloat(frame.getIntLE(at));
            }
        }
    }

    private static void writeFloats(float[] values, ByteBuf out) {
        int bytes = values.length * 4;
        out.ensureWritable(bytes);
        if (out.nioBufferCount() == 1) {
            out.nioBuffer(out.writerIndex(), bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
            out.writerIndex(out.writerIndex() + bytes);
        } else {
            for (float v : values) {
                out.writeIntLE(Float.floatToRawIntBits(v));
            }
        }
    }

    private static int saturateU32(long ns) {
        if (ns <= 0) {
            return 0;
        }
        return ns >= 0xFFFF_FFFFL ? 0xFFFF_FFFF : (int) ns;
    }
}
