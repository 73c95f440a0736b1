package org.wsinfer.loadtest.payload;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.Protocol;

/**
 * One pre-encoded PREDICT request whose id is filled in at send time: a binary frame with the id patched at
 * offset 8, or a JSON text whose {@code "id"} is written in front of the pre-encoded inputs.
 */
public final class RequestTemplate {
    private static final byte[] JSON_PREFIX = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_OFFSET = 8;

    private final Framing framing;
    private final byte[] bytes;

    private RequestTemplate(Framing framing, byte[] bytes) {
        this.framing = framing;
        this.bytes = bytes;
    }

    /** Encodes {@code rows x cols} inputs (row-major) once, in the given framing. */
    public static RequestTemplate of(Framing framing, int rows, int cols, float[] inputs) {
        if (inputs.length != (long) rows * cols) {
            throw new IllegalArgumentException("inputs must hold rows*cols values");
        }
        if (framing == Framing.BINARY) {
            ByteBuffer b = ByteBuffer.allocate((int) Protocol.requestBytes(rows, cols)).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) Protocol.VERSION).put((byte) Protocol.KIND_PREDICT).putShort((short) rows).putInt(cols)
                    .putLong(0L);
            for (float v : inputs) {
                b.putFloat(v);
            }
            return new RequestTemplate(framing, b.array());
        }
        StringBuilder sb = new StringBuilder(16 + inputs.length * 12);
        sb.append(",\"inputs\":[");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(Float.toString(inputs[r * cols + c]));
            }
            sb.append(']');
        }
        sb.append("]}");
        return new RequestTemplate(framing, sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The framing of the frame this writes. */
    public Framing framing() {
        return framing;
    }

    /** Bytes of the frame payload for a request with this id. */
    public int payloadBytes(long id) {
        return framing == Framing.BINARY ? bytes.length : JSON_PREFIX.length + digits(id) + bytes.length;
    }

    /** Writes the whole frame payload for request {@code id} into {@code out}. */
    public void write(long id, ByteBuf out) {
        if (framing == Framing.BINARY) {
            int start = out.writerIndex();
            out.writeBytes(bytes);
            out.setLongLE(start + ID_OFFSET, id);
        } else {
            out.writeBytes(JSON_PREFIX);
            writeDigits(id, out);
            out.writeBytes(bytes);
        }
    }

    static int digits(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("ids are not negative");
        }
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private static void writeDigits(long v, ByteBuf out) {
        int n = digits(v);
        int start = out.writerIndex();
        out.ensureWritable(n);
        for (int i = n - 1; i >= 0; i--) {
            out.setByte(start + i, (int) ('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(start + n);
    }
}
