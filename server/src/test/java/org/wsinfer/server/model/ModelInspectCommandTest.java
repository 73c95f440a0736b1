package org.wsinfer.server.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.server.cli.ModelInspectCommand;
import picocli.CommandLine;

class ModelInspectCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new ModelInspectCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void printsTheFixture() {
        assertEquals(0, run(ModelDirectoryTest.FIXTURE.toString()), err.toString());
        String s = out.toString();
        assertTrue(s.contains("name:            numpy-fixture"), s);
        assertTrue(s.contains("version:         7"), s);
        assertTrue(s.contains("input_dim:       16"), s);
        assertTrue(s.contains("output_dim:      2"), s);
        assertTrue(s.contains("weights.npy:     256 bytes, npy v1.0, dtype <f4 (float32), shape (16, 2), C order"), s);
        assertTrue(s.contains("bias.npy:        136 bytes"), s);
        assertTrue(s.contains("model.json:      83 bytes"), s);
        assertTrue(s.contains("check:           ok"), s);
        assertEquals("", err.toString());
    }

    @Test
    void badModelExitsWithTwoAndNamesTheFile() throws Exception {
        Path dir = tmp.resolve("m");
        ModelDirectory.write(dir, ModelFactory.random("m", 1, 3, 1, 1));
        Files.writeString(dir.resolve("model.json"), "{\"name\":\"m\",\"version\":1,\"input_dim\":4,\"output_dim\":1}");
        assertEquals(2, run(dir.toString()));
        String e = err.toString();
        assertTrue(e.startsWith("model inspect: " + dir.resolve("weights.npy") + ": shape (3, 1) does not match"), e);
        assertFalse(e.contains("Exception"), "no stack trace");
        assertFalse(out.toString().contains("check:"));
    }

    @Test
    void missingDirectoryAndMissingArgument() {
        assertEquals(2, run(tmp.resolve("absent").toString()));
        assertTrue(err.toString().contains("model directory not found"), err.toString());
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing required parameter"), err.toString());
    }
}
