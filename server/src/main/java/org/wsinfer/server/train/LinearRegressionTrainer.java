package org.wsinfer.server.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.wsinfer.server.model.LinearModel;
import org.wsinfer.server.model.ModelFactory;

/**
 * Fits {@code y = xW + b} by mini-batch gradient descent on the mean squared error with ND4J: per epoch the rows are
 * shuffled (seeded), and per batch of B rows {@code err = XW + b - Y}, {@code W -= lr * 2/(B*K) * X^T err},
 * {@code b -= lr * 2/(B*K) * 1^T err} (the updates are ND4J gemm calls with transpose and alpha).
 * Initial weights are {@code N(0,1) * 0.01} from {@code SplittableRandom(seed ^ INIT_SALT)}, initial bias 0.
 */
public final class LinearRegressionTrainer {

    /** Mixed into the seed for the initial weights, so they differ from the synthetic data drawn with the same seed. */
    public static final long INIT_SALT = 0x5DEECE66DL;
    /** Mixed into the seed for the per-epoch shuffles. */
    public static final long SHUFFLE_SALT = 0x9E3779B97F4A7C15L;
    /** Scale of the initial weights. */
    public static final float INIT_SCALE = 0.01f;

    private final double learningRate;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final EpochListener listener;

    /** Uses the hyper-parameters of {@code config}; {@code listener} hears the loss after every epoch. */
    public LinearRegressionTrainer(TrainConfig config, EpochListener listener) {
        this(config.learningRate(), config.epochs(), config.batchSize(), config.seed(), listener);
    }

    /** Creates a trainer with explicit hyper-parameters. */
    public LinearRegressionTrainer(double learningRate, int epochs, int batchSize, long seed, EpochListener listener) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate) || epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need learningRate > 0, epochs >= 1, batchSize >= 1");
        }
        this.learningRate = learningRate;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.listener = listener;
    }

    /** Trains on {@code data} and returns a model named {@code name} with version {@code version}. */
    public TrainingResult train(Dataset data, String name, int version) throws TrainingException {
        int n = data.rows();
        int d = data.inputDim();
        int k = data.outputDim();
        INDArray x = Nd4j.create(data.features(), new long[] {n, d}, DataType.FLOAT);
        INDArray y = Nd4j.create(data.targets(), new long[] {n, k}, DataType.FLOAT);
        INDArray w = Nd4j.create(ModelFactory.gaussian(new SplittableRandom(seed ^ INIT_SALT), d * k, INIT_SCALE),
                new long[] {d, k}, DataType.FLOAT);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 1, k);
        SplittableRandom shuffle = new SplittableRandom(seed ^ SHUFFLE_SALT);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, Math.min(batchSize, n));
        double initialLoss = mse(x, y, w, b);
        double[] losses = new double[epochs];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffle(order, shuffle);
            INDArray xs = Nd4j.pullRows(x, 1, order);
            INDArray ys = Nd4j.pullRows(y, 1, order);
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                int rows = end - start;
                INDArray xb = xs.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
                INDArray yb = ys.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
                // err = xW + b - y                                     [rows, k]
                INDArray err = xb.mmul(w).addiRowVector(b).subi(yb);
                double scale = learningRate * 2.0 / ((double) rows * k);
                // W -= scale * x^T err ; b -= scale * 1^T err  (gemm: transpose, mmul, mul and sub in one call)
                Nd4j.gemm(xb, err, w, true, false, -scale, 1.0);
                INDArray onesRow = rows == ones.columns() ? ones : ones.get(NDArrayIndex.all(), NDArrayIndex.interval(0, rows));
                Nd4j.gemm(onesRow, err, b, false, false, -scale, 1.0);
            }
            double loss = mse(x, y, w, b);
            losses[epoch - 1] = loss;
            listener.epochDone(epoch, epochs, loss);
            if (!Double.isFinite(loss) || loss > 1e30) {
                throw new TrainingException(String.format(java.util.Locale.US,
                        "training diverged in epoch %d (loss %s): lower --learning-rate (now %s)",
                        epoch, loss, learningRate));
            }
        }
        float[] weights = w.dup('c').data().asFloat();
        float[] bias = b.dup('c').data().asFloat();
        try {
            return new TrainingResult(LinearModel.of(name, version, d, k, weights, bias), initialLoss, losses);
        } catch (IllegalArgumentException e) {
            throw new TrainingException("training produced an invalid model: " + e.getMessage(), e);
        }
    }

    /** Mean over all rows and outputs of {@code (xW + b - y)^2}. */
    static double mse(INDArray x, INDArray y, INDArray w, INDArray b) {
        INDArray err = x.mmul(w).addiRowVector(b).subi(y);
        return err.muli(err).meanNumber().doubleValue();
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
