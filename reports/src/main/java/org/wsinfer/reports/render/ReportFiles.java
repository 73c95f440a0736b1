package org.wsinfer.reports.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes one text file of a report into the report's folder. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes {@code text} as UTF-8 to {@code name} in {@code m}'s output folder and returns the file. */
    static Path writeText(ReportModel m, String name, String text) {
        Path file = m.config().outDir().resolve(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
