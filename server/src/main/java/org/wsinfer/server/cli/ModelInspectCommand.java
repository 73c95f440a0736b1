package org.wsinfer.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wsinfer.server.model.LinearModel;
import org.wsinfer.server.model.ModelDirectory;
import org.wsinfer.server.model.ModelException;
import org.wsinfer.server.model.Npy;
import org.wsinfer.server.model.NpyHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code model inspect DIR} command: fully validates a model directory and prints what it holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Checks a model directory (model.json, weights.npy, bias.npy) and prints its name, version, "
                + "dimensions, dtype and file sizes.", "Exit codes: 0 valid, 2 invalid (the problem is printed)."})
public final class ModelInspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The model directory.")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            LinearModel model = ModelDirectory.load(dir);
            Path json = dir.resolve(ModelDirectory.MODEL_JSON);
            Path weights = dir.resolve(ModelDirectory.WEIGHTS_NPY);
            Path bias = dir.resolve(ModelDirectory.BIAS_NPY);
            stdout.printf(Locale.US, "model directory: %s%n", dir);
            stdout.printf(Locale.US, "name:            %s%n", model.name());
            stdout.printf(Locale.US, "version:         %d%n", model.version());
            stdout.printf(Locale.US, "input_dim:       %d%n", model.inputDim());
            stdout.printf(Locale.US, "output_dim:      %d%n", model.outputDim());
            stdout.printf(Locale.US, "parameters:      %d%n", (long) model.inputDim() * model.outputDim() + model.outputDim());
            stdout.printf(Locale.US, "%-16s %d bytes%n", ModelDirectory.MODEL_JSON + ":", Files.size(json));
            printNpy(stdout, weights);
            printNpy(stdout, bias);
            stdout.println("check:           ok");
            stdout.flush();
            return 0;
        } catch (ModelException e) {
            stderr.println("model inspect: " + e.getMessage());
            stderr.flush();
            return 2;
        } catch (IOException e) {
            stderr.println("model inspect: " + dir + ": " + e.getMessage());
            stderr.flush();
            return 2;
        }
    }

    private static void printNpy(PrintWriter out, Path file) throws ModelException, IOException {
        NpyHeader h = Npy.readHeader(file);
        out.printf(Locale.US, "%-16s %d bytes, npy v%d.%d, dtype %s (float32), shape %s, %s order, data at byte %d%n",
                file.getFileName() + ":", Files.size(file), h.majorVersion(), h.minorVersion(), h.descr(),
                NpyHeader.shapeString(h.shape()), h.fortranOrder() ? "Fortran" : "C", h.dataOffset());
    }
}
