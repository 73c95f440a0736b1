package org.wsinfer.server.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.server.cli.TrainCommand;
import org.wsinfer.server.model.LinearModel;
import org.wsinfer.server.model.ModelDirectory;
import org.wsinfer.server.model.ModelFactory;
import picocli.CommandLine;

class TrainCommandTest {

    @TempDir
    Path tmp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cmd = new CommandLine(new TrainCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private void assertBadInput(String fragment, String... args) {
        assertEquals(2, run(args), () -> "stdout: " + out + " stderr: " + err);
        assertTrue(err.toString().contains(fragment), () -> "expected '" + fragment + "' in: " + err);
        assertFalse(err.toString().contains("\tat "), "no stack trace");
    }

    @Test
    void syntheticTrainingWritesALoadableModel() throws Exception {
        Path dir = tmp.resolve("syn");
        int rc = run("--synthetic", "--rows", "800", "--input-dim", "6", "--output-dim", "2", "--noise", "0.01",
                "--seed", "5", "--epochs", "5", "--batch-size", "40", "--learning-rate", "0.1",
                "--out", dir.toString(), "--name", "syn", "--version", "4");
        assertEquals(0, rc, err.toString());
        String s = out.toString();
        assertTrue(s.contains("epoch 1/5 loss_mse "), s);
        assertTrue(s.contains("epoch 5/5 loss_mse "), s);
        assertTrue(s.matches("(?s).*epoch 5/5 loss_mse \\d\\.\\d{6}e[-+]\\d\\d.*"), "Locale.US scientific: " + s);
        assertTrue(s.contains("max |W - W_true|"), s);
        assertTrue(s.contains("wrote model 'syn' version 4 (input_dim 6, output_dim 2)"), s);
        LinearModel m = ModelDirectory.load(dir);
        assertEquals("syn", m.name());
        assertEquals(4, m.version());
        double wErr = SyntheticData.generate(800, 6, 2, 0.01, 5).maxWeightError(m.weights());
        assertTrue(wErr < 0.05, "max |W - W_true| = " + wErr);
    }

    @Test
    void csvTraining() throws Exception {
        // y = 2 a - b + 0.5, exactly
        StringBuilder csv = new StringBuilder("a,b,y\n");
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            double a = rnd.nextDouble(-1, 1);
            double b = rnd.nextDouble(-1, 1);
            csv.append(String.format(java.util.Locale.US, "%.6f,%.6f,%.6f%n", a, b, 2 * a - b + 0.5));
        }
        Path file = Files.writeString(tmp.resolve("d.csv"), csv);
        Path dir = tmp.resolve("csv-model");
        assertEquals(0, run("--csv", file.toString(), "--target-cols", "1", "--epochs", "15", "--learning-rate", "0.2",
                "--batch-size", "20", "--out", dir.toString()), err.toString());
        LinearModel m = ModelDirectory.load(dir);
        assertEquals(2, m.inputDim());
        assertEquals(1, m.outputDim());
        assertArrayEquals(new float[] {2f, -1f}, m.weights(), 0.01f);
        assertArrayEquals(new float[] {0.5f}, m.bias(), 0.01f);
        assertBadInput("has 2 input columns, --input-dim says 3",
                "--csv", file.toString(), "--input-dim", "3", "--out", tmp.resolve("x").toString());
    }

    @Test
    void randomWeightsWritesTheFactoryModel() throws Exception {
        Path dir = tmp.resolve("rnd");
        assertEquals(0, run("--random-weights", "--input-dim", "256", "--output-dim", "3", "--seed", "9",
                "--out", dir.toString(), "--name", "bench", "--version", "2"), err.toString());
        LinearModel m = ModelDirectory.load(dir);
        assertArrayEquals(ModelFactory.random("bench", 2, 256, 3, 9).weights(), m.weights());
        assertFalse(out.toString().contains("epoch"));
    }

    @Test
    void badInputExitsWithTwo() throws Exception {
        String o = tmp.resolve("o").toString();
        assertBadInput("choose exactly one", "--out", o);
        assertBadInput("choose exactly one", "--synthetic", "--random-weights", "--input-dim", "2", "--out", o);
        assertBadInput("--input-dim must be >= 1", "--synthetic", "--out", o);
        assertBadInput("--input-dim must be >= 1", "--synthetic", "--input-dim", "0", "--out", o);
        assertBadInput("--learning-rate must be a finite number > 0",
                "--synthetic", "--input-dim", "2", "--learning-rate", "-1", "--out", o);
        assertBadInput("--epochs must be >= 1", "--synthetic", "--input-dim", "2", "--epochs", "0", "--out", o);
        assertBadInput("--batch-size must be >= 1", "--synthetic", "--input-dim", "2", "--batch-size", "0", "--out", o);
        assertBadInput("--noise must be", "--synthetic", "--input-dim", "2", "--noise", "-0.5", "--out", o);
        assertBadInput("--rows must be >= 1", "--synthetic", "--input-dim", "2", "--rows", "0", "--out", o);
        assertBadInput("--name must not be empty", "--random-weights", "--input-dim", "2", "--name", " ", "--out", o);
        assertBadInput("--version must be >= 0", "--random-weights", "--input-dim", "2", "--version", "-3", "--out", o);
        assertBadInput("Missing required option: '--out=DIR'", "--synthetic", "--input-dim", "2");
        assertBadInput("Invalid value", "--synthetic", "--input-dim", "two", "--out", o);
        assertBadInput("file not found", "--csv", tmp.resolve("none.csv").toString(), "--out", o);
        assertBadInput("diverged", "--synthetic", "--input-dim", "20", "--rows", "100", "--learning-rate", "50",
                "--epochs", "30", "--batch-size", "4", "--out", o);
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written on bad input");
    }

    @Test
    void warnsWhenTheLossRises() {
        assertEquals(0, run("--synthetic", "--rows", "40", "--input-dim", "64", "--batch-size", "4", "--epochs", "2",
                "--learning-rate", "0.2", "--seed", "2", "--out", tmp.resolve("rising").toString()), err.toString());
        assertTrue(err.toString().contains("train: warning: the loss rose from"), err.toString());
        assertTrue(err.toString().contains("is probably too high for 64 features and batch size 4"), err.toString());
    }

    @Test
    void refusesNonEmptyOutputUnlessForced() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(dir.resolve("notes.txt"), "keep");
        assertBadInput("is not empty (use --force to overwrite)",
                "--random-weights", "--input-dim", "2", "--out", dir.toString());
        assertEquals(0, run("--random-weights", "--input-dim", "2", "--out", dir.toString(), "--force"), err.toString());
        assertEquals(2, ModelDirectory.load(dir).inputDim());
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertBadInput("exists and is not a directory", "--random-weights", "--input-dim", "2", "--out", file.toString());
    }
}
