package org.wsinfer.server.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a numeric CSV file into a {@link Dataset}: comma-separated, an optional header line (a first line with a
 * non-numeric field), blank lines and lines starting with {@code #} skipped, the last {@code targetCols} columns targets.
 */
public final class CsvDataset {

    private CsvDataset() {
    }

    /** Reads {@code file}; every problem is reported with the file name and line number. */
    public static Dataset read(Path file, int targetCols) throws TrainingException {
        if (targetCols < 1) {
            throw new TrainingException("--target-cols must be >= 1, got " + targetCols);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, in, targetCols);
        } catch (NoSuchFileException e) {
            throw new TrainingException(file + ": file not found");
        } catch (IOException e) {
            throw new TrainingException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Dataset parse(Path file, BufferedReader in, int targetCols) throws IOException, TrainingException {
        int cols = -1;
        int rows = 0;
        boolean firstContentLine = true;
        float[] values = new float[1024];
        int n = 0;
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(",", -1);
            if (firstContentLine) {
                firstContentLine = false;
                if (!Arrays.stream(fields).allMatch(CsvDataset::isNumber)) {
                    cols = fields.length; // header line: fixes the column count, holds no data
                    continue;
                }
            }
            if (cols < 0) {
                cols = fields.length;
            }
            if (fields.length != cols) {
                throw new TrainingException(file + ":" + lineNo + ": expected " + cols + " columns, got " + fields.length);
            }
            if (cols <= targetCols) {
                throw new TrainingException(file + ":" + lineNo + ": " + cols + " columns leave no input column for "
                        + targetCols + " target column(s)");
            }
            if ((long) n + cols > Integer.MAX_VALUE - 8L) {
                throw new TrainingException(file + ":" + lineNo + ": data set too large");
            }
            if (n + cols > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(n + cols, 2L * values.length)));
            }
            for (int c = 0; c < cols; c++) {
                String f = fields[c].strip();
                float v;
                try {
                    v = Float.parseFloat(f);
                } catch (NumberFormatException e) {
                    throw new TrainingException(file + ":" + lineNo + ": column " + (c + 1) + ": '" + f
                            + "' is not a number");
                }
                if (!Float.isFinite(v)) {
                    throw new TrainingException(file + ":" + lineNo + ": column " + (c + 1) + ": '" + f
                            + "' is not a finite float32 number");
                }
                values[n++] = v;
            }
            rows++;
        }
        if (rows == 0) {
            throw new TrainingException(file + ": no data rows");
        }
        int inputDim = cols - targetCols;
        float[] x = new float[rows * inputDim];
        float[] y = new float[rows * targetCols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * cols, x, r * inputDim, inputDim);
            System.arraycopy(values, r * cols + inputDim, y, r * targetCols, targetCols);
        }
        return new Dataset(x, y, rows, inputDim, targetCols);
    }

    private static boolean isNumber(String field) {
        try {
            Float.parseFloat(field.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
