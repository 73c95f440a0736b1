package org.wsinfer.loadtest.payload;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads input rows from a CSV file: one row per line, comma-separated floats, optional header and # comments. */
public final class CsvInputs {
    private CsvInputs() {
    }

    /** The rows of {@code file}; every row must hold {@code features} finite numbers. */
    public static List<float[]> read(Path file, int features) throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            boolean headerAllowed = true;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] cells = t.split("\\s*,\\s*", -1);
                if (headerAllowed && !isNumber(cells[0])) {
                    headerAllowed = false;
                    continue; // a header row before the first data row
                }
                headerAllowed = false;
                if (cells.length != features) {
                    throw new IllegalArgumentException(String.format(java.util.Locale.US,
                            "%s line %d has %d values, expected %d features", file, lineNo, cells.length, features));
                }
                float[] row = new float[features];
                for (int i = 0; i < features; i++) {
                    try {
                        row[i] = Float.parseFloat(cells[i]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " line " + lineNo + " column " + (i + 1)
                                + ": '" + cells[i] + "' is not a number");
                    }
                    if (!Float.isFinite(row[i])) {
                        throw new IllegalArgumentException(file + " line " + lineNo + " column " + (i + 1)
                                + ": NaN and infinity are not valid inputs");
                    }
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no input rows");
        }
        return rows;
    }

    private static boolean isNumber(String s) {
        try {
            Float.parseFloat(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
