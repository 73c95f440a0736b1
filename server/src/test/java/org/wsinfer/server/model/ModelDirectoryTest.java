package org.wsinfer.server.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    static final Path FIXTURE = NpyTest.resource("numpy-model-16x2");

    @TempDir
    Path tmp;

    /** A copy of the numpy fixture (model files only) that a test may damage. */
    private Path copyOfFixture() throws IOException {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir);
        for (String f : new String[] {"model.json", "weights.npy", "bias.npy"}) {
            Files.copy(FIXTURE.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static ModelException assertLoadFails(Path dir, Path expectedFile, String fragment) {
        ModelException e = assertThrows(ModelException.class, () -> ModelDirectory.load(dir));
        assertEquals(expectedFile, e.file(), e.getMessage());
        assertTrue(e.getMessage().startsWith(expectedFile + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        return e;
    }

    private static void writeJson(Path dir, String json) throws IOException {
        Files.writeString(dir.resolve("model.json"), json);
    }

    @Test
    void numpyFixturePredictsNumpysOutputs() throws Exception {
        LinearModel m = ModelDirectory.load(FIXTURE);
        assertEquals("numpy-fixture", m.name());
        assertEquals(7, m.version());
        assertEquals(16, m.inputDim());
        assertEquals(2, m.outputDim());
        NpyArray x = Npy.read(FIXTURE.resolve("sample_inputs.npy"));
        NpyArray expected = Npy.read(FIXTURE.resolve("sample_outputs.npy"));
        assertArrayEquals(new int[] {3, 16}, x.shape());
        assertArrayEquals(new int[] {3, 2}, expected.shape());
        float[] fast = new float[6];
        m.predict(x.data(), 3, fast);
        float[] naive = m.predictNaive(x.data(), 3);
        float[] java = new float[6];
        m.predictJava(x.data(), 3, java);
        for (int i = 0; i < 6; i++) {
            double want = expected.data()[i];
            double tol = 1e-5 * Math.max(1.0, Math.abs(want));
            assertEquals(want, fast[i], tol, "predict " + i);
            assertEquals(want, naive[i], tol, "predictNaive " + i);
            assertEquals(want, java[i], tol, "predictJava " + i);
        }
    }

    @Test
    void writeThenLoadRoundTrips() throws Exception {
        LinearModel m = ModelFactory.random("round-trip", 3, 5, 4, 99);
        Path dir = tmp.resolve("out/nested");
        ModelDirectory.write(dir, m);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.count());
        }
        LinearModel back = ModelDirectory.load(dir);
        assertEquals(m.metadata(), back.metadata());
        assertArrayEquals(m.weights(), back.weights());
        assertArrayEquals(m.bias(), back.bias());
        assertArrayEquals(new int[] {5, 4}, Npy.readHeader(dir.resolve("weights.npy")).shape());
        assertArrayEquals(new int[] {4}, Npy.readHeader(dir.resolve("bias.npy")).shape());
    }

    @Test
    void missingDirectoryOrFiles() throws Exception {
        Path none = tmp.resolve("none");
        assertLoadFails(none, none, "model directory not found");
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        assertLoadFails(file, file, "is not a directory");
        for (String f : new String[] {"model.json", "weights.npy", "bias.npy"}) {
            Path dir = copyOfFixture();
            Files.delete(dir.resolve(f));
            assertLoadFails(dir, dir.resolve(f), "file not found");
            deleteTree(dir);
        }
    }

    @Test
    void badMagic() throws Exception {
        Path dir = copyOfFixture();
        byte[] b = Files.readAllBytes(dir.resolve("weights.npy"));
        b[0] = 'P';
        Files.write(dir.resolve("weights.npy"), b);
        assertLoadFails(dir, dir.resolve("weights.npy"), "bad magic");
    }

    @Test
    void wrongDtype() throws Exception {
        Path dir = copyOfFixture();
        Files.write(dir.resolve("bias.npy"), NpyTest.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                new byte[16]));
        assertLoadFails(dir, dir.resolve("bias.npy"), "unsupported dtype '<f8'");
    }

    @Test
    void wrongShapes() throws Exception {
        Path dir = copyOfFixture();
        Npy.write(dir.resolve("weights.npy"), new float[48], 16, 3);
        assertLoadFails(dir, dir.resolve("weights.npy"), "shape (16, 3) does not match model.json: expected "
                + "[input_dim, output_dim] = (16, 2)");
        Npy.write(dir.resolve("weights.npy"), new float[32], 32);
        assertLoadFails(dir, dir.resolve("weights.npy"), "shape (32,) does not match");
        Npy.write(dir.resolve("weights.npy"), new float[32], 16, 2);
        Npy.write(dir.resolve("bias.npy"), new float[2], 1, 2);
        assertLoadFails(dir, dir.resolve("bias.npy"), "shape (1, 2) does not match model.json: expected [output_dim] = (2,)");
    }

    @Test
    void dimsNotMatchingModelJson() throws Exception {
        Path dir = copyOfFixture();
        writeJson(dir, "{\"name\":\"m\",\"version\":1,\"input_dim\":8,\"output_dim\":2}");
        assertLoadFails(dir, dir.resolve("weights.npy"), "expected [input_dim, output_dim] = (8, 2)");
        writeJson(dir, "{\"name\":\"m\",\"version\":1,\"input_dim\":16,\"output_dim\":1}");
        assertLoadFails(dir, dir.resolve("weights.npy"), "expected [input_dim, output_dim] = (16, 1)");
    }

    @Test
    void nonFiniteValues() throws Exception {
        Path dir = copyOfFixture();
        float[] w = Npy.read(dir.resolve("weights.npy")).data();
        w[7] = Float.NaN;
        Npy.write(dir.resolve("weights.npy"), w, 16, 2);
        assertLoadFails(dir, dir.resolve("weights.npy"), "value at [3, 1] is NaN");
        w[7] = 0f;
        Npy.write(dir.resolve("weights.npy"), w, 16, 2);
        Npy.write(dir.resolve("bias.npy"), new float[] {0f, Float.NEGATIVE_INFINITY}, 2);
        assertLoadFails(dir, dir.resolve("bias.npy"), "value at [1] is -Infinity");
    }

    @Test
    void truncatedData() throws Exception {
        Path dir = copyOfFixture();
        byte[] b = Files.readAllBytes(dir.resolve("weights.npy"));
        Files.write(dir.resolve("weights.npy"), Arrays.copyOf(b, b.length - 5));
        assertLoadFails(dir, dir.resolve("weights.npy"), "truncated");
    }

    @Test
    void badJson() throws Exception {
        Path dir = copyOfFixture();
        Path json = dir.resolve("model.json");
        String[][] cases = {
            {"{\"name\": \"m\", \"version\": 1,", "invalid JSON"},
            {"", "is empty"},
            {"[1, 2]", "expected a JSON object, got array"},
            {"{\"name\":\"m\",\"version\":1,\"input_dim\":16,\"output_dim\":2} {}", "invalid JSON"},
            {"{\"name\":\"m\",\"name\":\"n\",\"version\":1,\"input_dim\":16,\"output_dim\":2}", "invalid JSON"},
            {"{\"name\":\"m\",\"version\":1,\"input_dim\":16,\"output_dim\":2,\"dtype\":\"f4\"}", "unknown field \"dtype\""},
            {"{\"name\":\"m\",\"version\":1,\"input_dim\":16}", "missing field \"output_dim\""},
            {"{\"version\":1,\"input_dim\":16,\"output_dim\":2}", "missing field \"name\""},
            {"{\"name\":\"\",\"version\":1,\"input_dim\":16,\"output_dim\":2}", "name must be a non-empty string"},
            {"{\"name\":7,\"version\":1,\"input_dim\":16,\"output_dim\":2}", "\"name\" must be a string"},
            {"{\"name\":\"m\",\"version\":1.5,\"input_dim\":16,\"output_dim\":2}", "\"version\" must be an integer"},
            {"{\"name\":\"m\",\"version\":\"1\",\"input_dim\":16,\"output_dim\":2}", "\"version\" must be an integer"},
            {"{\"name\":\"m\",\"version\":-1,\"input_dim\":16,\"output_dim\":2}", "version must be >= 0"},
            {"{\"name\":\"m\",\"version\":1,\"input_dim\":99999999999,\"output_dim\":2}", "out of range"},
        };
        for (String[] c : cases) {
            Files.writeString(json, c[0]);
            assertLoadFails(dir, json, c[1]);
        }
    }

    @Test
    void negativeOrZeroDims() throws Exception {
        Path dir = copyOfFixture();
        Path json = dir.resolve("model.json");
        writeJson(dir, "{\"name\":\"m\",\"version\":1,\"input_dim\":-16,\"output_dim\":2}");
        assertLoadFails(dir, json, "input_dim must be >= 1, got -16");
        writeJson(dir, "{\"name\":\"m\",\"version\":1,\"input_dim\":16,\"output_dim\":0}");
        assertLoadFails(dir, json, "output_dim must be >= 1, got 0");
        writeJson(dir, "{\"name\":\"m\",\"version\":1,\"input_dim\":2000000000,\"output_dim\":2000000000}");
        assertLoadFails(dir, json, "exceeds");
    }

    @Test
    void oversizedModelJsonIsRefusedBeforeReading() throws Exception {
        Path dir = copyOfFixture();
        Files.write(dir.resolve("model.json"), new byte[(int) ModelMetadata.MAX_BYTES + 1]);
        assertLoadFails(dir, dir.resolve("model.json"), "larger than the limit");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
