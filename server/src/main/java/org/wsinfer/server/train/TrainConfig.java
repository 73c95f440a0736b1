package org.wsinfer.server.train;

import java.nio.file.Path;
import java.util.Locale;

/** The immutable, validated configuration of one {@code train} run: data source, hyper-parameters and output. */
public final class TrainConfig {

    /** Where the model's parameters come from. */
    public enum Source {
        /** Fit a CSV file. */
        CSV,
        /** Fit generated data with known weights. */
        SYNTHETIC,
        /** No training: random parameters of the requested shape. */
        RANDOM_WEIGHTS
    }

    private final Source source;
    private final Path csv;
    private final int targetCols;
    private final int rows;
    private final int inputDim;
    private final int outputDim;
    private final double noise;
    private final long seed;
    private final double learningRate;
    private final int epochs;
    private final int batchSize;
    private final Path out;
    private final String name;
    private final int version;
    private final boolean force;

    private TrainConfig(Builder b) {
        this.source = b.source;
        this.csv = b.csv;
        this.targetCols = b.targetCols;
        this.rows = b.rows;
        this.inputDim = b.inputDim;
        this.outputDim = b.outputDim;
        this.noise = b.noise;
        this.seed = b.seed;
        this.learningRate = b.learningRate;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.out = b.out;
        this.name = b.name;
        this.version = b.version;
        this.force = b.force;
    }

    /** A builder with the defaults: 1000 rows, output dim 1, noise 0.01, seed 1, lr 0.01, 10 epochs, batch 32. */
    public static Builder builder() {
        return new Builder();
    }

    public Source source() {
        return source;
    }

    /** The CSV file (CSV source only, else null). */
    public Path csv() {
        return csv;
    }

    /** The number of trailing target columns of the CSV file. */
    public int targetCols() {
        return targetCols;
    }

    /** Synthetic rows. */
    public int rows() {
        return rows;
    }

    /** Input dimension (synthetic and random sources; 0 = taken from the CSV file). */
    public int inputDim() {
        return inputDim;
    }

    /** Output dimension (synthetic and random sources). */
    public int outputDim() {
        return outputDim;
    }

    /** Standard deviation of the synthetic target noise. */
    public double noise() {
        return noise;
    }

    /** Seed of the synthetic data, the shuffling, the initial weights and the random weights. */
    public long seed() {
        return seed;
    }

    public double learningRate() {
        return learningRate;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The model directory to write. */
    public Path out() {
        return out;
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    /** Whether a non-empty output directory may be overwritten. */
    public boolean force() {
        return force;
    }

    @Override
    public String toString() {
        return String.format(Locale.US, "TrainConfig[source=%s, csv=%s, targetCols=%d, rows=%d, inputDim=%d, "
                        + "outputDim=%d, noise=%s, seed=%d, learningRate=%s, epochs=%d, batchSize=%d, out=%s, name=%s, "
                        + "version=%d, force=%b]", source, csv, targetCols, rows, inputDim, outputDim, noise, seed,
                learningRate, epochs, batchSize, out, name, version, force);
    }

    /** Collects and then validates the settings. */
    public static final class Builder {
        private Source source;
        private Path csv;
        private int targetCols = 1;
        private int rows = 1000;
        private int inputDim;
        private int outputDim = 1;
        private double noise = 0.01;
        private long seed = 1;
        private double learningRate = 0.01;
        private int epochs = 10;
        private int batchSize = 32;
        private Path out;
        private String name = "trained";
        private int version = 1;
        private boolean force;

        private Builder() {
        }

        /** Train on the CSV file {@code file}. */
        public Builder csv(Path file) {
            this.csv = file;
            return source(Source.CSV);
        }

        /** Train on synthetic data. */
        public Builder synthetic() {
            return source(Source.SYNTHETIC);
        }

        /** Write random weights without training. */
        public Builder randomWeights() {
            return source(Source.RANDOM_WEIGHTS);
        }

        private Builder source(Source s) {
            if (source != null && source != s) {
                throw new IllegalArgumentException("choose exactly one of --csv, --synthetic and --random-weights");
            }
            source = s;
            return this;
        }

        public Builder targetCols(int v) {
            targetCols = v;
            return this;
        }

        public Builder rows(int v) {
            rows = v;
            return this;
        }

        public Builder inputDim(int v) {
            inputDim = v;
            return this;
        }

        public Builder outputDim(int v) {
            outputDim = v;
            return this;
        }

        public Builder noise(double v) {
            noise = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder out(Path v) {
            out = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder version(int v) {
            version = v;
            return this;
        }

        public Builder force(boolean v) {
            force = v;
            return this;
        }

        /** Validates every setting. */
        public TrainConfig build() {
            if (source == null) {
                throw new IllegalArgumentException("choose one of --csv FILE, --synthetic or --random-weights");
            }
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("--name must not be empty");
            }
            if (version < 0) {
                throw new IllegalArgumentException("--version must be >= 0, got " + version);
            }
            switch (source) {
                case CSV -> {
                    if (targetCols < 1) {
                        throw new IllegalArgumentException("--target-cols must be >= 1, got " + targetCols);
                    }
                    if (inputDim < 0) {
                        throw new IllegalArgumentException("--input-dim must be >= 1, got " + inputDim);
                    }
                }
                case SYNTHETIC, RANDOM_WEIGHTS -> {
                    if (inputDim < 1) {
                        throw new IllegalArgumentException("--input-dim must be >= 1 (required with --synthetic and"
                                + " --random-weights), got " + inputDim);
                    }
                    if (outputDim < 1) {
                        throw new IllegalArgumentException("--output-dim must be >= 1, got " + outputDim);
                    }
                    if ((long) inputDim * outputDim > Integer.MAX_VALUE - 8L) {
                        throw new IllegalArgumentException("--input-dim x --output-dim is too large");
                    }
                }
                default -> throw new IllegalStateException(source.toString());
            }
            if (source == Source.SYNTHETIC) {
                if (rows < 1) {
                    throw new IllegalArgumentException("--rows must be >= 1, got " + rows);
                }
                if ((long) rows * Math.max(inputDim, outputDim) > Integer.MAX_VALUE - 8L) {
                    throw new IllegalArgumentException("--rows x --input-dim is too large");
                }
                if (!(noise >= 0) || Double.isInfinite(noise)) {
                    throw new IllegalArgumentException("--noise must be a finite number >= 0, got " + noise);
                }
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("--learning-rate must be a finite number > 0, got " + learningRate);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
            }
            return new TrainConfig(this);
        }
    }
}
