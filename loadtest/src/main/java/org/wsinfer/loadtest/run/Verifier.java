package org.wsinfer.loadtest.run;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.wsinfer.loadtest.payload.PayloadPool;
import org.wsinfer.loadtest.record.Counters;
import org.wsinfer.loadtest.verify.ReferenceModel;

/**
 * Accuracy mode: checks every prediction against {@code x W + b} precomputed for each payload of the pool, of one
 * model ({@code --verify-model}) or of the model whose version the answer names ({@code --verify-versions}).
 */
final class Verifier {
    private static final int PRINTED_MISMATCHES = 5;

    private final double[][] expected;
    private final Map<Integer, double[][]> expectedByVersion;
    private final Map<Integer, LongAdder> checkedByVersion = new ConcurrentHashMap<>();
    private final double tolerance;
    private final Counters counters;
    private final PrintStream console;
    private int printed;

    Verifier(ReferenceModel model, PayloadPool pool, double tolerance, Counters counters, PrintStream console) {
        this(model, null, pool, tolerance, counters, console);
    }

    /** Checks each answer against the model of {@code byVersion} that its model_version names. */
    Verifier(Map<Integer, ReferenceModel> byVersion, PayloadPool pool, double tolerance, Counters counters,
             PrintStream console) {
        this(null, byVersion, pool, tolerance, counters, console);
    }

    private Verifier(ReferenceModel model, Map<Integer, ReferenceModel> byVersion, PayloadPool pool, double tolerance,
                     Counters counters, PrintStream console) {
        this.expected = model == null ? null : expectations(model, pool);
        this.expectedByVersion = byVersion == null ? null : new TreeMap<>();
        if (byVersion != null) {
            byVersion.forEach((v, m) -> expectedByVersion.put(v, expectations(m, pool)));
        }
        this.tolerance = tolerance;
        this.counters = counters;
        this.console = console;
    }

    private static double[][] expectations(ReferenceModel model, PayloadPool pool) {
        double[][] e = new double[pool.size()][];
        for (int i = 0; i < pool.size(); i++) {
            e[i] = model.predict(pool.inputs(i), pool.rows());
        }
        return e;
    }

    /** Checked answers by the model_version they carried. */
    Map<String, Long> checkedByVersion() {
        Map<String, Long> m = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        checkedByVersion.forEach((v, n) -> m.put(Integer.toString(v), n.sum()));
        return m;
    }

    /** Checks the outputs of the answer (carrying {@code modelVersion}) to a request with payload {@code payloadIndex}. */
    void check(long id, int payloadIndex, int modelVersion, float[] outputs) {
        checkedByVersion.computeIfAbsent(modelVersion, v -> new LongAdder()).increment();
        double[][] table = expectedByVersion == null ? expected : expectedByVersion.get(modelVersion);
        if (table == null) {
            counters.verified.increment();
            counters.mismatches.increment();
            counters.maxRelativeError.accumulate(Double.MAX_VALUE);
            synchronized (this) {
                if (printed < PRINTED_MISMATCHES) {
                    printed++;
                    console.println(String.format(Locale.US, "MISMATCH request %d: model_version %d has no reference"
                            + " model (have %s)", id, modelVersion, expectedByVersion.keySet()));
                }
            }
            return;
        }
        double[] want = table[payloadIndex];
        double err = ReferenceModel.maxRelativeError(outputs, want);
        counters.verified.increment();
        counters.maxRelativeError.accumulate(Double.isInfinite(err) ? Double.MAX_VALUE : err);
        if (err > tolerance) {
            counters.mismatches.increment();
            synchronized (this) {
                if (printed < PRINTED_MISMATCHES) {
                    printed++;
                    console.println(String.format(Locale.US,
                            "MISMATCH request %d: relative error %.3g > %.3g; got %s, expected %s", id, err, tolerance,
                            outputs == null ? "no outputs" : head(outputs), head(want)));
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
