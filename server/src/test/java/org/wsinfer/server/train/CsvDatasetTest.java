package org.wsinfer.server.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {

    @TempDir
    Path tmp;

    private Path csv(String text) throws Exception {
        return Files.writeString(tmp.resolve("data.csv"), text);
    }

    @Test
    void readsWithHeaderAndTwoTargets() throws Exception {
        Dataset d = CsvDataset.read(csv("x1,x2,x3,y1,y2\n1,2,3,4,5\n# comment\n\n 6 , 7,8,9,10\n"), 2);
        assertEquals(2, d.rows());
        assertEquals(3, d.inputDim());
        assertEquals(2, d.outputDim());
        assertArrayEquals(new float[] {1, 2, 3, 6, 7, 8}, d.features());
        assertArrayEquals(new float[] {4, 5, 9, 10}, d.targets());
    }

    @Test
    void readsWithoutHeader() throws Exception {
        Dataset d = CsvDataset.read(csv("0.5,-1e-3,2\r\n1.5,2.5,3.5\r\n"), 1);
        assertEquals(2, d.rows());
        assertArrayEquals(new float[] {0.5f, -1e-3f, 1.5f, 2.5f}, d.features());
        assertArrayEquals(new float[] {2f, 3.5f}, d.targets());
    }

    private void assertFails(String text, int targets, String fragment) throws Exception {
        Path p = csv(text);
        TrainingException e = assertThrows(TrainingException.class, () -> CsvDataset.read(p, targets));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void reportsProblemsWithFileAndLine() throws Exception {
        assertFails("1,2,3\n4,5\n", 1, ":2: expected 3 columns, got 2");
        assertFails("a,b,c\n1,2,3\n4,x,6\n", 1, ":3: column 2: 'x' is not a number");
        assertFails("1,2,NaN\n", 1, ":1: column 3: 'NaN' is not a finite float32 number");
        assertFails("1,2,1e39\n", 1, "not a finite");
        assertFails("1,2\n", 2, "leave no input column");
        assertFails("a,b\n", 1, "no data rows");
        assertFails("", 1, "no data rows");
        assertFails("1,2,3\n1,,3\n", 1, ":2: column 2: '' is not a number");
    }

    @Test
    void missingFileAndBadTargetCount() throws Exception {
        Path p = tmp.resolve("nope.csv");
        TrainingException e = assertThrows(TrainingException.class, () -> CsvDataset.read(p, 1));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
        Path q = csv("1,2\n");
        assertThrows(TrainingException.class, () -> CsvDataset.read(q, 0));
    }
}
