package org.wsinfer.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Encodes and decodes the JSON text form of protocol v1 with Jackson's streaming API.
 *
 * <p>Pure functions over UTF-8 bytes or strings; buffers are never released nor their reader index moved. Every
 * decoding failure is a {@link ProtocolException}: syntax errors and missing fields are MALFORMED, ragged rows are
 * SHAPE_MISMATCH, NaN or infinity (or a number beyond float32 range) is INVALID_VALUE, more than
 * {@code maxElements} inputs is TOO_LARGE. Unknown fields are ignored.
 */
public final class JsonCodec {
    /** Deepest nesting accepted: the protocol needs three levels; deep documents fail fast. */
    public static final int MAX_NESTING_DEPTH = 8;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(64)
                    .maxStringLength(1 << 20)
                    .build())
            .build();

    private JsonCodec() {
    }

    // ------------------------------------------------------------------ requests

    /** The JSON text of a request. */
    public static String encodeRequest(PredictRequest r) {
        return toString(g -> writeRequest(r, g));
    }

    /** Appends the UTF-8 JSON of a request to {@code out}. */
    public static void writeRequest(PredictRequest r, ByteBuf out) {
        toBuf(out, g -> writeRequest(r, g));
    }

    /** Decodes a request from UTF-8 JSON bytes. */
    public static PredictRequest decodeRequest(ByteBuf utf8, int maxElements) {
        try (JsonParser p = parser(utf8)) {
            return readRequest(p, maxElements);
        } catch (IOException e) {
            throw malformed(Protocol.UNKNOWN_ID, e);
        }
    }

    /** Decodes a request from a JSON string. */
    public static PredictRequest decodeRequest(String json, int maxElements) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return readRequest(p, maxElements);
        } catch (IOException e) {
            throw malformed(Protocol.UNKNOWN_ID, e);
        }
    }

    // ------------------------------------------------------------------ answers

    /** The JSON text of a prediction. */
    public static String encodePrediction(Prediction p) {
        return toString(g -> writePrediction(p, g));
    }

    /** Appends the UTF-8 JSON of a prediction to {@code out}. */
    public static void writePrediction(Prediction p, ByteBuf out) {
        toBuf(out, g -> writePrediction(p, g));
    }

    /** The JSON text of an error answer. */
    public static String encodeError(ErrorAnswer e) {
        return toString(g -> writeError(e, g));
    }

    /** Appends the UTF-8 JSON of an error answer to {@code out}. */
    public static void writeError(ErrorAnswer e, ByteBuf out) {
        toBuf(out, g -> writeError(e, g));
    }

    /** Decodes a prediction or an error answer from UTF-8 JSON bytes. */
    public static Answer decodeAnswer(ByteBuf utf8) {
        try (JsonParser p = parser(utf8)) {
            return readAnswer(p);
        } catch (IOException e) {
            throw malformed(Protocol.UNKNOWN_ID, e);
        }
    }

    /** Decodes a prediction or an error answer from a JSON string. */
    public static Answer decodeAnswer(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return readAnswer(p);
        } catch (IOException e) {
            throw malformed(Protocol.UNKNOWN_ID, e);
        }
    }

    // ------------------------------------------------------------------ writing

    private static void writeRequest(PredictRequest r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", r.id());
        g.writeFieldName("inputs");
        writeMatrix(g, r.inputs(), r.rows(), r.cols());
        g.writeEndObject();
    }

    private static void writePrediction(Prediction p, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", p.id());
        g.writeNumberField("model_version", p.modelVersion());
        g.writeFieldName("outputs");
        writeMatrix(g, p.outputs(), p.rows(), p.cols());
        g.writeNumberField("queue_ns", p.queueNs());
        g.writeNumberField("compute_ns", p.computeNs());
        g.writeEndObject();
    }

    private static void writeError(ErrorAnswer e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (e.id() == Protocol.UNKNOWN_ID) {
            g.writeNullField("id");
        } else {
            g.writeNumberField("id", e.id());
        }
        g.writeObjectFieldStart("error");
        g.writeStringField("code", e.code().name());
        g.writeStringField("message", e.message());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeMatrix(JsonGenerator g, float[] values, int rows, int cols) throws IOException {
        g.writeStartArray();
        for (int r = 0, i = 0; r < rows; r++) {
            g.writeStartArray();
            for (int c = 0; c < cols; c++, i++) {
                g.writeNumber(values[i]);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    // ------------------------------------------------------------------ reading

    private static PredictRequest readRequest(JsonParser p, int maxElements) throws IOException {
        long id = Protocol.UNKNOWN_ID;
        Matrix inputs = null;
        ProtocolException deferred = null;
        try {
            expect(p, JsonToken.START_OBJECT, "a request must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("id".equals(name)) {
                    id = readId(p);
                } else if ("inputs".equals(name)) {
                    JsonStreamContext object = p.currentToken().isStructStart()
                            ? p.getParsingContext().getParent() : p.getParsingContext();
                    try {
                        inputs = readMatrix(p, "inputs", maxElements, true);
                    } catch (ProtocolException e) {
                        // skip the rest of the inputs and keep reading for the id, so the error answer can carry it
                        deferred = e;
                        while (p.getParsingContext() != object && p.nextToken() != null) {
                            // skipping
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            expectEnd(p);
        } catch (ProtocolException e) {
            throw e.hasRequestId() || id == Protocol.UNKNOWN_ID ? e : new ProtocolException(e.code(), id, e.getMessage());
        } catch (IOException e) {
            throw malformed(id, e);
        }
        if (id == Protocol.UNKNOWN_ID) {
            throw new ProtocolException(ErrorCode.MALFORMED, "missing field 'id'");
        }
        if (deferred != null) {
            throw new ProtocolException(deferred.code(), id, deferred.getMessage());
        }
        if (inputs == null) {
            throw new ProtocolException(ErrorCode.MALFORMED, id, "missing field 'inputs'");
        }
        return new PredictRequest(id, inputs.rows, inputs.cols, inputs.values);
    }

    private static Answer readAnswer(JsonParser p) throws IOException {
        long id = Protocol.UNKNOWN_ID;
        boolean idSeen = false;
        Integer modelVersion = null;
        Matrix outputs = null;
        long queueNs = 0;
        long computeNs = 0;
        ErrorCode code = null;
        String message = null;
        expect(p, JsonToken.START_OBJECT, "an answer must be a JSON object");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "id":
                    idSeen = true;
                    id = t == JsonToken.VALUE_NULL ? Protocol.UNKNOWN_ID : readId(p);
                    break;
                case "model_version":
                    modelVersion = (int) readLong(p, "model_version", 0, 0xFFFF_FFFFL);
                    break;
                case "outputs":
                    outputs = readMatrix(p, "outputs", Integer.MAX_VALUE, false);
                    break;
                case "queue_ns":
                    queueNs = readLong(p, "queue_ns", 0, Long.MAX_VALUE);
                    break;
                case "compute_ns":
                    computeNs = readLong(p, "compute_ns", 0, Long.MAX_VALUE);
                    break;
                case "error":
                    if (t != JsonToken.START_OBJECT) {
                        throw new ProtocolException(ErrorCode.MALFORMED, id, "'error' must be an object");
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if ("code".equals(field)) {
                            code = ErrorCode.fromName(p.getValueAsString());
                            if (code == null) {
                                throw new ProtocolException(ErrorCode.MALFORMED, id, "unknown error code " + p.getText());
                            }
                        } else if ("message".equals(field)) {
                            message = p.getValueAsString();
                        } else {
                            p.skipChildren();
                        }
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        expectEnd(p);
        if (!idSeen) {
            throw new ProtocolException(ErrorCode.MALFORMED, "missing field 'id'");
        }
        if (code != null) {
            return new ErrorAnswer(id, code, message);
        }
        if (outputs == null || modelVersion == null) {
            throw new ProtocolException(ErrorCode.MALFORMED, id, "an answer needs 'outputs' and 'model_version', or 'error'");
        }
        return new Prediction(id, modelVersion, queueNs, computeNs, outputs.rows, outputs.cols, outputs.values);
    }

    private static long readId(JsonParser p) throws IOException {
        return readLong(p, "id", 0, Protocol.MAX_JSON_ID);
    }

    private static long readLong(JsonParser p, String field, long min, long max) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new ProtocolException(ErrorCode.MALFORMED, "'" + field + "' must be an integer");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new ProtocolException(ErrorCode.MALFORMED, "'" + field + "' is out of range");
        }
        long v = p.getLongValue();
        if (v < min || v > max) {
            throw new ProtocolException(ErrorCode.MALFORMED, "'" + field + "' must be in " + min + ".." + max + ", not " + v);
        }
        return v;
    }

    private static Matrix readMatrix(JsonParser p, String field, int maxElements, boolean finiteOnly) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ProtocolException(ErrorCode.MALFORMED, "'" + field + "' must be an array of rows");
        }
        float[] values = new float[16];
        int count = 0;
        int rows = 0;
        int cols = -1;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            if (rows == Protocol.MAX_ROWS) {
                throw new ProtocolException(ErrorCode.TOO_LARGE, "more than " + Protocol.MAX_ROWS + " rows");
            }
            int rowLength = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                    throw new ProtocolException(ErrorCode.MALFORMED,
                            "'" + field + "' row " + rows + " holds a non-number (" + t + ")");
                }
                if (count == maxElements) {
                    throw new ProtocolException(ErrorCode.TOO_LARGE,
                            "rows*cols exceeds the limit of " + maxElements);
                }
                float v = p.getFloatValue();
                if (finiteOnly && !Float.isFinite(v)) {
                    throw new ProtocolException(ErrorCode.INVALID_VALUE,
                            "'" + field + "' row " + rows + " col " + rowLength + " is " + p.getText()
                                    + " (not a finite float32)");
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min((long) values.length * 2, maxElements));
                }
                values[count++] = v;
                rowLength++;
            }
            if (rowLength == 0) {
                throw new ProtocolException(ErrorCode.MALFORMED, "'" + field + "' row " + rows + " is empty");
            }
            if (cols == -1) {
                cols = rowLength;
            } else if (rowLength != cols) {
                throw new ProtocolException(ErrorCode.SHAPE_MISMATCH,
                        "ragged '" + field + "': row " + rows + " has " + rowLength + " values, row 0 has " + cols);
            }
            rows++;
        }
        if (t != JsonToken.END_ARRAY) {
            throw new ProtocolException(ErrorCode.MALFORMED, "'" + field + "' must be an array of arrays of numbers");
        }
        if (rows == 0) {
            throw new ProtocolException(ErrorCode.MALFORMED, "'" + field + "' has no rows");
        }
        return new Matrix(rows, cols, count == values.length ? values : Arrays.copyOf(values, count));
    }

    private static void expect(JsonParser p, JsonToken token, String message) throws IOException {
        if (p.nextToken() != token) {
            throw new ProtocolException(ErrorCode.MALFORMED, message);
        }
    }

    private static void expectEnd(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new ProtocolException(ErrorCode.MALFORMED, "unexpected " + p.currentToken() + " in object");
        }
        if (p.nextToken() != null) {
            throw new ProtocolException(ErrorCode.MALFORMED, "trailing content after the JSON object");
        }
    }

    private static ProtocolException malformed(long id, IOException e) {
        String what = e instanceof StreamConstraintsException ? "JSON too large or too deep: " : "unparseable JSON: ";
        String detail = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
        return new ProtocolException(ErrorCode.MALFORMED, id, what + detail);
    }

    private static JsonParser parser(ByteBuf utf8) throws IOException {
        if (utf8.hasArray()) {
            return FACTORY.createParser(utf8.array(), utf8.arrayOffset() + utf8.readerIndex(), utf8.readableBytes());
        }
        return FACTORY.createParser((java.io.InputStream) new ByteBufInputStream(utf8.duplicate()));
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static String toString(Writer w) {
        StringWriter sw = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(sw)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    private static void toBuf(ByteBuf out, Writer w) {
        try (OutputStream os = new ByteBufOutputStream(out); JsonGenerator g = FACTORY.createGenerator(os)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Matrix(int rows, int cols, float[] values) {
    }
}
