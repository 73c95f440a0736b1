package org.wsinfer.loadtest.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.wsinfer.protocol.ErrorCode;
import org.wsinfer.protocol.Protocol;

/**
 * Reads protocol v1 answers (binary PREDICTION / ERROR frames, JSON text answers) into a {@link DecodedAnswer},
 * touching only the header fields unless outputs are asked for. Never releases or moves the buffer given.
 */
public final class AnswerDecoder {
    private static final JsonFactory JSON = new JsonFactory();

    private final boolean wantOutputs;

    /** A decoder that also decodes the outputs when {@code wantOutputs} (accuracy mode). */
    public AnswerDecoder(boolean wantOutputs) {
        this.wantOutputs = wantOutputs;
    }

    /** Decodes a binary answer frame; false (with a reason in {@code errorMessage}) when it is not one. */
    public boolean decodeBinary(ByteBuf frame, DecodedAnswer a) {
        a.clear();
        int base = frame.readerIndex();
        int len = frame.readableBytes();
        if (len < Protocol.ERROR_HEADER_BYTES) {
            a.errorMessage = "binary answer of " + len + " bytes is shorter than a header";
            return false;
        }
        int version = frame.getUnsignedByte(base);
        int kind = frame.getUnsignedByte(base + 1);
        if (version != Protocol.VERSION) {
            a.errorMessage = "binary answer has version " + version;
            return false;
        }
        long id = frame.getLongLE(base + 8);
        if (kind == Protocol.KIND_PREDICTION) {
            if (len < Protocol.PREDICTION_HEADER_BYTES) {
                a.errorMessage = "PREDICTION frame of " + len + " bytes";
                return false;
            }
            int rows = frame.getUnsignedShortLE(base + 2);
            long cols = frame.getUnsignedIntLE(base + 4);
            if (len != Protocol.PREDICTION_HEADER_BYTES + 4L * rows * cols) {
                a.errorMessage = "PREDICTION frame of " + len + " bytes for " + rows + "x" + cols + " outputs";
                return false;
            }
            a.id = id;
            a.idKnown = true;
            a.ok = true;
            a.rows = rows;
            a.cols = (int) cols;
            a.modelVersion = (int) frame.getUnsignedIntLE(base + 16);
            a.queueNs = frame.getUnsignedIntLE(base + 20);
            a.computeNs = frame.getUnsignedIntLE(base + 24);
            if (wantOutputs) {
                float[] out = new float[rows * (int) cols];
                for (int i = 0; i < out.length; i++) {
                    out[i] = frame.getFloatLE(base + Protocol.PREDICTION_HEADER_BYTES + 4 * i);
                }
                a.outputs = out;
            }
            return true;
        }
        if (kind == Protocol.KIND_ERROR) {
            long msgLen = frame.getUnsignedIntLE(base + 4);
            if (len != Protocol.ERROR_HEADER_BYTES + msgLen) {
                a.errorMessage = "ERROR frame of " + len + " bytes with a " + msgLen + "-byte message";
                return false;
            }
            a.ok = false;
            a.id = id;
            a.idKnown = id != 0;   // the binary form writes 0 when the id is unknown
            ErrorCode code = ErrorCode.fromCode(frame.getUnsignedShortLE(base + 2));
            a.errorCode = code == null ? ErrorCode.INTERNAL : code;
            a.errorMessage = frame.toString(base + Protocol.ERROR_HEADER_BYTES, (int) msgLen, StandardCharsets.UTF_8);
            return true;
        }
        a.errorMessage = "binary answer of kind " + kind;
        return false;
    }

    /** Decodes a JSON text answer; false (with a reason in {@code errorMessage}) when it is not one. */
    public boolean decodeText(ByteBuf utf8, DecodedAnswer a) {
        a.clear();
        byte[] bytes;
        int off;
        int len = utf8.readableBytes();
        if (utf8.hasArray()) {
            bytes = utf8.array();
            off = utf8.arrayOffset() + utf8.readerIndex();
        } else {
            bytes = ByteBufUtil.getBytes(utf8, utf8.readerIndex(), len, false);
            off = 0;
        }
        try (JsonParser p = JSON.createParser(bytes, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                a.errorMessage = "text answer is not a JSON object";
                return false;
            }
            boolean sawOutputs = false;
            boolean sawError = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "id":
                        if (t == JsonToken.VALUE_NUMBER_INT) {
                            a.id = p.getLongValue();
                            a.idKnown = true;
                        }
                        break;
                    case "model_version":
                        a.modelVersion = p.getIntValue();
                        break;
                    case "queue_ns":
                        a.queueNs = p.getLongValue();
                        break;
                    case "compute_ns":
                        a.computeNs = p.getLongValue();
                        break;
                    case "outputs":
                        sawOutputs = true;
                        readOutputs(p, a);
                        break;
                    case "error":
                        sawError = true;
                        readError(p, a);
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
            if (sawError) {
                a.ok = false;
                if (a.errorCode == null) {
                    a.errorCode = ErrorCode.INTERNAL;
                }
                return true;
            }
            if (!sawOutputs) {
                a.errorMessage = "text answer has neither outputs nor error";
                return false;
            }
            a.ok = true;
            return true;
        } catch (IOException | RuntimeException e) {
            a.clear();
            a.errorMessage = "text answer is not valid JSON: " + e.getMessage();
            return false;
        }
    }

    private void readOutputs(JsonParser p, DecodedAnswer a) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("outputs is not an array");
        }
        float[] values = wantOutputs ? new float[16] : null;
        int n = 0;
        int rows = 0;
        int cols = -1;
        while (p.nextToken() == JsonToken.START_ARRAY) {
            rows++;
            int c = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (values != null) {
                    if (n == values.length) {
                        values = Arrays.copyOf(values, n * 2);
                    }
                    values[n] = p.getFloatValue();
                }
                n++;
                c++;
            }
            cols = cols < 0 ? c : cols;
        }
        a.rows = rows;
        a.cols = Math.max(cols, 0);
        if (values != null) {
            a.outputs = Arrays.copyOf(values, n);
        }
    }

    private static void readError(JsonParser p, DecodedAnswer a) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("code")) {
                ErrorCode code = ErrorCode.fromName(p.getValueAsString());
                a.errorCode = code == null ? ErrorCode.INTERNAL : code;
            } else if (field.equals("message")) {
                a.errorMessage = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
    }
}
