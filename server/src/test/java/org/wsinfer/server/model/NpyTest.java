package org.wsinfer.server.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a .npy file by hand: version, dict text (padded to 64 with '\n'), and raw data bytes. */
    static byte[] npy(int major, String dict, byte[] data) {
        int preamble = major == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(dict);
        while ((preamble + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(preamble + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Npy.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        b.put(text).put(data);
        return b.array();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static void assertProblem(Path file, String fragment, ModelException e) {
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void roundTripsShapes() throws Exception {
        int[][] shapes = {{3}, {2, 3}, {4, 1}, {1, 5}, {2, 3, 4}, {0}, {}};
        for (int[] shape : shapes) {
            int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] data = new float[n];
            for (int i = 0; i < n; i++) {
                data[i] = i * 0.5f - 3.25f;
            }
            Path p = tmp.resolve("a" + Arrays.toString(shape).replaceAll("\\W", "_") + ".npy");
            Npy.write(p, data, shape);
            NpyArray back = Npy.read(p);
            assertArrayEquals(shape, back.shape());
            assertArrayEquals(data, back.data());
            assertEquals((Files.size(p) - n * 4L) % 64, 0, "header is padded to 64 bytes");
        }
    }

    @Test
    void writesAValidNumpyV1Header() throws Exception {
        Path p = tmp.resolve("w.npy");
        Npy.write(p, new float[] {1.5f, -2f, 0.25f, 8f, 0f, -0f}, 3, 2);
        byte[] bytes = Files.readAllBytes(p);
        assertArrayEquals(Npy.MAGIC, Arrays.copyOf(bytes, 6));
        assertEquals(1, bytes[6], "major version");
        assertEquals(0, bytes[7], "minor version");
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64, "preamble + header is a multiple of 64");
        assertEquals(bytes.length, 10 + headerLen + 6 * 4);
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith("\n"));
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", header.strip());
        assertTrue(header.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n'), "ASCII only");
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLen, 24).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, data.getFloat());
        assertEquals(-2f, data.getFloat());
    }

    @Test
    void oneDimensionalShapeHasTrailingComma() throws Exception {
        Path p = tmp.resolve("v.npy");
        Npy.write(p, new float[] {1f, 2f}, 2);
        String header = new String(Files.readAllBytes(p), StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (2,)"), header);
    }

    @Test
    void readsFilesWrittenByNumpy() throws Exception {
        NpyArray x = Npy.read(resource("numpy-model-16x2/sample_inputs.npy"));
        assertArrayEquals(new int[] {3, 16}, x.shape());
        NpyHeader h = Npy.readHeader(resource("numpy-model-16x2/weights.npy"));
        assertEquals("<f4", h.descr());
        assertFalse(h.fortranOrder());
        assertArrayEquals(new int[] {16, 2}, h.shape());
        assertEquals(128, h.dataOffset());
    }

    @Test
    void readsFortranOrderIntoCOrder() throws Exception {
        // numpy: np.save(f, np.asfortranarray(np.arange(6, dtype='<f4').reshape(2, 3)))
        Path p = resource("npy/fortran-2x3.npy");
        assertTrue(Npy.readHeader(p).fortranOrder());
        NpyArray a = Npy.read(p);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.data());
    }

    @Test
    void reorders3dFortranData() {
        // shape (2, 2, 2): C index (i, j, k) -> F offset i + 2j + 4k
        float[] f = {0, 4, 2, 6, 1, 5, 3, 7};
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, Npy.fortranToC(f, new int[] {2, 2, 2}));
    }

    @Test
    void readsVersion2Headers() throws Exception {
        Path p = file("v2.npy", npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", floats(1f, 2f)));
        NpyArray a = Npy.read(p);
        assertArrayEquals(new float[] {1f, 2f}, a.data());
        assertEquals(2, Npy.readHeader(p).majorVersion());
    }

    @Test
    void acceptsDoubleQuotesAndAnyKeyOrder() throws Exception {
        Path p = file("q.npy", npy(1, "{\"shape\": (1, 2), \"fortran_order\": False, \"descr\": \"<f4\"}", floats(3f, 4f)));
        assertArrayEquals(new float[] {3f, 4f}, Npy.read(p).data());
    }

    @Test
    void rejectsBadMagic() throws Exception {
        byte[] b = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1f));
        b[1] = 'X';
        Path p = file("magic.npy", b);
        assertProblem(p, "bad magic", assertThrows(ModelException.class, () -> Npy.read(p)));
    }

    @Test
    void rejectsOtherDtypes() throws Exception {
        for (String dtype : new String[] {"<f8", ">f4", "<i4", "|u1", "<f2"}) {
            Path p = file("dtype.npy", npy(1, "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (1,), }",
                    new byte[8]));
            ModelException e = assertThrows(ModelException.class, () -> Npy.read(p));
            assertProblem(p, "unsupported dtype '" + dtype + "'", e);
        }
    }

    @Test
    void rejectsTruncatedData() throws Exception {
        Path p = file("trunc.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", floats(1f, 2f, 3f)));
        assertProblem(p, "truncated: shape (4,) needs 16 data bytes, file holds 12",
                assertThrows(ModelException.class, () -> Npy.read(p)));
    }

    @Test
    void rejectsHugeDeclaredShapeWithoutAllocating() throws Exception {
        Path p = file("huge.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 30000), }",
                floats(1f)));
        assertProblem(p, "shape (100000, 30000) is too large", assertThrows(ModelException.class, () -> Npy.read(p)));
        Path q = file("big.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (400000000,), }",
                floats(1f)));
        assertProblem(q, "needs 1600000000 data bytes, file holds 4", assertThrows(ModelException.class, () -> Npy.read(q)));
        Path r = file("overflow.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647), }",
                floats(1f)));
        assertProblem(r, "too large", assertThrows(ModelException.class, () -> Npy.read(r)));
    }

    @Test
    void rejectsHeaderLongerThanFile() throws Exception {
        byte[] b = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1f));
        byte[] cut = Arrays.copyOf(b, 40);
        Path p = file("hdr.npy", cut);
        assertProblem(p, "truncated: header declares", assertThrows(ModelException.class, () -> Npy.read(p)));
        ByteBuffer v2 = ByteBuffer.wrap(npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1f)))
                .order(ByteOrder.LITTLE_ENDIAN);
        v2.putInt(8, Integer.MAX_VALUE);
        Path q = file("hdr2.npy", v2.array());
        assertProblem(q, "exceeds the limit", assertThrows(ModelException.class, () -> Npy.read(q)));
    }

    @Test
    void rejectsTrailingBytesAndTinyFiles() throws Exception {
        Path p = file("trail.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1f, 2f)));
        assertProblem(p, "4 unexpected bytes", assertThrows(ModelException.class, () -> Npy.read(p)));
        Path q = file("tiny.npy", new byte[] {(byte) 0x93, 'N'});
        assertProblem(q, "not a .npy file", assertThrows(ModelException.class, () -> Npy.read(q)));
        Path e = file("empty.npy", new byte[0]);
        assertProblem(e, "not a .npy file", assertThrows(ModelException.class, () -> Npy.read(e)));
    }

    @Test
    void rejectsMalformedHeaderDicts() throws Exception {
        String[] dicts = {
            "{'descr': '<f4', 'fortran_order': False}",
            "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
            "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}",
            "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } junk",
            "not a dict",
        };
        for (String d : dicts) {
            Path p = file("dict.npy", npy(1, d, floats(1f)));
            ModelException e = assertThrows(ModelException.class, () -> Npy.read(p), d);
            assertProblem(p, "", e);
        }
    }

    @Test
    void reportsMissingFilesAndDirectories() {
        Path p = tmp.resolve("nope.npy");
        assertProblem(p, "file not found", assertThrows(ModelException.class, () -> Npy.read(p)));
        assertProblem(tmp, "is a directory", assertThrows(ModelException.class, () -> Npy.read(tmp)));
    }

    @Test
    void writeRejectsShapeNotMatchingData() {
        assertThrows(IllegalArgumentException.class, () -> Npy.write(tmp.resolve("x.npy"), new float[3], 2, 2));
    }
}
