package org.wsinfer.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.wsinfer.server.model.LinearModel;
import org.wsinfer.server.model.ModelDirectory;
import org.wsinfer.server.model.ModelException;
import org.wsinfer.server.model.ModelFactory;
import org.wsinfer.server.train.CsvDataset;
import org.wsinfer.server.train.Dataset;
import org.wsinfer.server.train.LinearRegressionTrainer;
import org.wsinfer.server.train.SyntheticData;
import org.wsinfer.server.train.TrainConfig;
import org.wsinfer.server.train.TrainingException;
import org.wsinfer.server.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code train} command: maps its options onto a {@link TrainConfig}, trains (or draws) a model, writes it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fits a linear regression (mini-batch gradient descent on MSE, ND4J) on a CSV file or on "
                + "synthetic data, or draws random weights, and writes a model directory.",
                "Exit codes: 0 ok, 1 I/O failure, 2 bad input."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", paramLabel = "FILE", description = "Numeric CSV file; optional header line.")
    Path csv;

    @Option(names = "--target-cols", paramLabel = "K", defaultValue = "1",
            description = "With --csv: the last K columns are targets (default: ${DEFAULT-VALUE}).")
    int targetCols;

    @Option(names = "--synthetic", description = "Train on generated data with known weights.")
    boolean synthetic;

    @Option(names = "--random-weights", description = "Do not train: write random weights of the given shape.")
    boolean randomWeights;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000",
            description = "With --synthetic: rows to generate (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--input-dim", paramLabel = "D", description = "Input features (required with --synthetic and"
            + " --random-weights; with --csv, checked against the file).")
    Integer inputDim;

    @Option(names = "--output-dim", paramLabel = "K", defaultValue = "1",
            description = "Outputs (with --synthetic and --random-weights; default: ${DEFAULT-VALUE}).")
    int outputDim;

    @Option(names = "--noise", paramLabel = "S", defaultValue = "0.01",
            description = "With --synthetic: standard deviation of the target noise (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed for data, shuffling and initial/random weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"--learning-rate", "--lr"}, paramLabel = "R", defaultValue = "0.01",
            description = "Gradient descent step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "32",
            description = "Mini-batch rows (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Model directory to write.")
    Path out;

    @Option(names = "--name", defaultValue = "trained", description = "Model name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--version", paramLabel = "V", defaultValue = "1",
            description = "Model version (default: ${DEFAULT-VALUE}).")
    int version;

    @Option(names = "--force", description = "Overwrite a non-empty output directory.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        TrainConfig config;
        try {
            config = toConfig();
            checkOutput(config);
        } catch (IllegalArgumentException | TrainingException e) {
            stderr.println("train: " + e.getMessage());
            stderr.flush();
            return 2;
        }
        try {
            LinearModel model = run(config, stdout, stderr);
            ModelDirectory.write(config.out(), model);
            LinearModel reloaded = ModelDirectory.load(config.out());
            stdout.printf(Locale.US, "wrote model '%s' version %d (input_dim %d, output_dim %d) to %s%n",
                    reloaded.name(), reloaded.version(), reloaded.inputDim(), reloaded.outputDim(), config.out());
            stdout.flush();
            return 0;
        } catch (TrainingException | IllegalArgumentException e) {
            stderr.println("train: " + e.getMessage());
            stderr.flush();
            return 2;
        } catch (IOException | ModelException e) {
            stderr.println("train: cannot write " + config.out() + ": " + e.getMessage());
            stderr.flush();
            return 1;
        }
    }

    TrainConfig toConfig() {
        int chosen = (csv != null ? 1 : 0) + (synthetic ? 1 : 0) + (randomWeights ? 1 : 0);
        if (chosen != 1) {
            throw new IllegalArgumentException("choose exactly one of --csv FILE, --synthetic and --random-weights");
        }
        TrainConfig.Builder b = TrainConfig.builder()
                .targetCols(targetCols).rows(rows).outputDim(outputDim).noise(noise).seed(seed)
                .learningRate(learningRate).epochs(epochs).batchSize(batchSize)
                .out(out).name(name).version(version).force(force);
        if (inputDim != null) {
            if (inputDim < 1) {
                throw new IllegalArgumentException("--input-dim must be >= 1, got " + inputDim);
            }
            b.inputDim(inputDim);
        }
        if (csv != null) {
            b.csv(csv);
        } else if (synthetic) {
            b.synthetic();
        } else {
            b.randomWeights();
        }
        return b.build();
    }

    private static void checkOutput(TrainConfig config) throws TrainingException {
        Path dir = config.out();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new TrainingException("--out " + dir + " exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !config.force()) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new TrainingException("--out " + dir + " is not empty (use --force to overwrite)");
                }
            } catch (IOException e) {
                throw new TrainingException("--out " + dir + ": cannot list: " + e.getMessage(), e);
            }
        }
    }

    private static LinearModel run(TrainConfig config, PrintWriter stdout, PrintWriter stderr) throws TrainingException {
        if (config.source() == TrainConfig.Source.RANDOM_WEIGHTS) {
            stdout.printf(Locale.US, "random weights: input_dim %d, output_dim %d, seed %d%n",
                    config.inputDim(), config.outputDim(), config.seed());
            return ModelFactory.random(config.name(), config.version(), config.inputDim(), config.outputDim(),
                    config.seed());
        }
        SyntheticData synthetic = null;
        Dataset data;
        if (config.source() == TrainConfig.Source.SYNTHETIC) {
            synthetic = SyntheticData.generate(config.rows(), config.inputDim(), config.outputDim(), config.noise(),
                    config.seed());
            data = synthetic.dataset();
        } else {
            data = CsvDataset.read(config.csv(), config.targetCols());
            if (config.inputDim() > 0 && config.inputDim() != data.inputDim()) {
                throw new TrainingException(config.csv() + ": has " + data.inputDim() + " input columns, --input-dim says "
                        + config.inputDim());
            }
        }
        stdout.printf(Locale.US, "training on %d rows: input_dim %d, output_dim %d, learning rate %s, %d epochs,"
                        + " batch size %d, seed %d%n", data.rows(), data.inputDim(), data.outputDim(),
                config.learningRate(), config.epochs(), config.batchSize(), config.seed());
        LinearRegressionTrainer trainer = new LinearRegressionTrainer(config, (epoch, epochs, loss) -> {
            stdout.printf(Locale.US, "epoch %d/%d loss_mse %.6e%n", epoch, epochs, loss);
            stdout.flush();
        });
        TrainingResult result = trainer.train(data, config.name(), config.version());
        if (result.lossRose()) {
            stderr.printf(Locale.US, "train: warning: the loss rose from %.6e before training to %.6e; the learning rate"
                    + " %s is probably too high for %d features and batch size %d%n", result.initialLossMse(),
                    result.finalLossMse(), config.learningRate(), data.inputDim(), config.batchSize());
            stderr.flush();
        }
        if (synthetic != null) {
            stdout.printf(Locale.US, "max |W - W_true| %.6e, max |b - b_true| %.6e%n",
                    synthetic.maxWeightError(result.model().weights()), synthetic.maxBiasError(result.model().bias()));
        }
        return result.model();
    }
}
