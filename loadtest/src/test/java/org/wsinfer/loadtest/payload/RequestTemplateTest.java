package org.wsinfer.loadtest.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.protocol.BinaryCodec;
import org.wsinfer.protocol.Framing;
import org.wsinfer.protocol.JsonCodec;
import org.wsinfer.protocol.PredictRequest;

/** Pre-encoded requests equal the protocol's test vectors and decode with the protocol's own codecs. */
class RequestTemplateTest {
    private static final float[] INPUTS = {1.0f, 2.0f, 3.0f, 0.5f, -0.5f, 0.25f};

    @TempDir
    Path tmp;

    static String vector(String name) throws IOException {
        try (var in = RequestTemplateTest.class.getResourceAsStream("/vectors.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(name + " ")) {
                    return line.substring(name.length()).trim();
                }
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Test
    void binaryTemplateWithItsIdPatchedIsTheVector() throws IOException {
        RequestTemplate t = RequestTemplate.of(Framing.BINARY, 2, 3, INPUTS);
        ByteBuf out = Unpooled.buffer();
        t.write(42, out);
        assertEquals(vector("request.predict"), ByteBufUtil.hexDump(out));
        assertEquals(out.readableBytes(), t.payloadBytes(42));
        PredictRequest r = BinaryCodec.decodeRequest(out, 1000);
        assertEquals(42, r.id());
        assertArrayEquals(INPUTS, r.inputs());
        out.release();
    }

    @Test
    void jsonTemplateIsTheVectorAndKeepsEveryFloat() throws IOException {
        RequestTemplate t = RequestTemplate.of(Framing.TEXT, 2, 3, INPUTS);
        ByteBuf out = Unpooled.buffer();
        t.write(42, out);
        assertEquals(vector("json.request"), out.toString(StandardCharsets.UTF_8));
        assertEquals(out.readableBytes(), t.payloadBytes(42));
        out.release();
        float[] odd = {1e-7f, -3.4028235e38f, 0.1f, 123456.79f};
        RequestTemplate t2 = RequestTemplate.of(Framing.TEXT, 1, 4, odd);
        ByteBuf b = Unpooled.buffer();
        t2.write(9_007_199_254_740_991L, b);
        PredictRequest r = JsonCodec.decodeRequest(b.toString(StandardCharsets.UTF_8), 100);
        assertEquals(9_007_199_254_740_991L, r.id());
        assertArrayEquals(odd, r.inputs(), "the server sees exactly the floats the driver checks against");
        b.release();
    }

    @Test
    void poolsCycleThroughCsvRows() throws IOException {
        Path csv = tmp.resolve("in.csv");
        Files.writeString(csv, "# comment\na,b\n1,2\n3,4\n5,6\n");
        List<float[]> rows = CsvInputs.read(csv, 2);
        assertEquals(3, rows.size());
        PayloadPool pool = PayloadPool.fromRows(Framing.BINARY, 2, 2, rows, 100);
        assertEquals(3, pool.size());
        assertArrayEquals(new float[] {1, 2, 3, 4}, pool.inputs(0));
        assertArrayEquals(new float[] {5, 6, 1, 2}, pool.inputs(1));
        Files.writeString(csv, "1,2\n3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(csv, 2));
        assertEquals(csv + " line 2 has 1 values, expected 2 features", e.getMessage());
        Files.writeString(csv, "1,NaN\n");
        assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(csv, 2));
    }

    @Test
    void randomPoolsAreSeeded() {
        PayloadPool a = PayloadPool.random(Framing.BINARY, 1, 8, 4, 5);
        PayloadPool b = PayloadPool.random(Framing.TEXT, 1, 8, 4, 5);
        assertArrayEquals(a.inputs(3), b.inputs(3));
        for (float v : a.inputs(2)) {
            assertEquals(0, v, 1.0);
        }
    }
}
