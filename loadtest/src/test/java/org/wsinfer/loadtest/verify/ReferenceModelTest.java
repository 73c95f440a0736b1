package org.wsinfer.loadtest.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local x*W+b used in accuracy mode reproduces what numpy computed for the shared fixture. */
class ReferenceModelTest {
    @TempDir
    Path tmp;

    private Path fixture() throws IOException {
        Path dir = tmp.resolve("fixture");
        Files.createDirectories(dir);
        for (String f : new String[] {"weights.npy", "bias.npy", "model.json", "sample_inputs.npy",
            "sample_outputs.npy"}) {
            try (InputStream in = getClass().getResourceAsStream("/fixture/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }

    @Test
    void matchesNumpy() throws IOException {
        Path dir = fixture();
        ReferenceModel m = ReferenceModel.load(dir);
        assertEquals(16, m.inputDim());
        assertEquals(2, m.outputDim());
        NpyReader.Array in = NpyReader.read(dir.resolve("sample_inputs.npy"));
        NpyReader.Array want = NpyReader.read(dir.resolve("sample_outputs.npy"));
        assertArrayEquals(new int[] {3, 16}, in.shape());
        float[] x = new float[in.data().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) in.data()[i];
        }
        double[] y = m.predict(x, 3);
        assertArrayEquals(want.data(), y, 1e-5);
        float[] got = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            got[i] = (float) want.data()[i];
        }
        assertTrue(ReferenceModel.maxRelativeError(got, y) < 1e-6);
        got[0] += 1.0f;
        assertTrue(ReferenceModel.maxRelativeError(got, y) > 0.1, "a wrong output is seen");
        assertEquals(Double.POSITIVE_INFINITY, ReferenceModel.maxRelativeError(new float[1], y));
    }

    @Test
    void badFilesNameTheFileAndTheProblem() throws IOException {
        Path dir = fixture();
        Files.write(dir.resolve("bias.npy"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        IOException e = assertThrows(IOException.class, () -> ReferenceModel.load(dir));
        assertTrue(e.getMessage().contains("bias.npy") && e.getMessage().contains("magic"), e.getMessage());
        Files.delete(dir.resolve("weights.npy"));
        e = assertThrows(IOException.class, () -> ReferenceModel.load(dir));
        assertTrue(e.getMessage().contains("weights.npy"), e.getMessage());
    }
}
