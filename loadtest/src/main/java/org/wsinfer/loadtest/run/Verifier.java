package org.wsinfer.loadtest.run;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.wsinfer.loadtest.payload.PayloadPool;
import org.wsinfer.loadtest.record.Counters;
import org.wsinfer.loadtest.verify.ReferenceModel;

/** Accuracy mode: checks every prediction against {@code x W + b} precomputed for each payload of the pool. */
final class Verifier {
    private static final int PRINTED_MISMATCHES = 5;

    private final double[][] expected;
    private final double tolerance;
    private final Counters counters;
    private final PrintStream console;
    private int printed;

    Verifier(ReferenceModel model, PayloadPool pool, double tolerance, Counters counters, PrintStream console) {
        this.expected = new double[pool.size()][];
        for (int i = 0; i < pool.size(); i++) {
            expected[i] = model.predict(pool.inputs(i), pool.rows());
        }
        this.tolerance = tolerance;
        this.counters = counters;
        this.console = console;
    }

    /** Checks the outputs of the answer to a request that carried payload {@code payloadIndex}. */
    void check(long id, int payloadIndex, float[] outputs) {
        double err = ReferenceModel.maxRelativeError(outputs, expected[payloadIndex]);
        counters.verified.increment();
        counters.maxRelativeError.accumulate(Double.isInfinite(err) ? Double.MAX_VALUE : err);
        if (err > tolerance) {
            counters.mismatches.increment();
            synchronized (this) {
                if (printed < PRINTED_MISMATCHES) {
                    printed++;
                    console.println(String.format(Locale.US,
                            "MISMATCH request %d: relative error %.3g > %.3g; got %s, expected %s", id, err, tolerance,
                            outputs == null ? "no outputs" : head(outputs), head(expected[payloadIndex])));
                }
            }
        }
    }

    private static String head(float[] v) {
        return v.length <= 8 ? Arrays.toString(v) : Arrays.toString(Arrays.copyOf(v, 8)) + "...";
    }

    private static String head(double[] v) {
        return v.length <= 8 ? Arrays.toString(v) : Arrays.toString(Arrays.copyOf(v, 8)) + "...";
    }
}
