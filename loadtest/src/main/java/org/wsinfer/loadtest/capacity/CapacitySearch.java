package org.wsinfer.loadtest.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.env.Environment;
import org.wsinfer.loadtest.run.DriveException;
import org.wsinfer.loadtest.run.RunResult;

/**
 * Finds the highest rate whose corrected p99 stays under the SLO with no errors, timeouts or lost requests and a
 * valid run: a rising ladder, then a binary search. Each step is a {@code drive} run in its own sub-folder
 * {@code step-NN-r<rate>}; {@code capacity.json} lists them all. Holds no measuring code of its own.
 */
public final class CapacitySearch {
    /** The capacity.json schema id. */
    public static final String SCHEMA = "wsinfer.capacity/1";

    private final DriverConfig base;
    private final CapacityOptions options;
    private final StepRunner runner;
    private final PrintStream console;
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private int features;

    /** A search from {@code base} (its rate is ignored, its {@code outDir} holds the steps). */
    public CapacitySearch(DriverConfig base, CapacityOptions options, StepRunner runner, PrintStream console) {
        if (base.outDir() == null) {
            throw new IllegalArgumentException("--out is required");
        }
        this.base = base;
        this.options = options;
        this.runner = runner;
        this.console = console;
        this.features = base.features();
    }

    /**
     * The outcome of a search.
     *
     * @param maxSustainableRateHz the highest passing rate (0 when none passed)
     * @param steps                steps run
     * @param limitedByDriver      whether a failing step failed because the driver fell behind
     */
    public record Result(double maxSustainableRateHz, int steps, boolean limitedByDriver) {
    }

    /** Runs the search and writes {@code capacity.json}. */
    public Result run() throws DriveException, IOException {
        Files.createDirectories(base.outDir());
        double lastPass = 0;
        double firstFail = Double.NaN;
        boolean driverLimit = false;
        double rate = options.startRateHz();
        while (steps.size() < options.maxSteps()) {
            boolean passed = step("ladder", rate);
            if (passed) {
                lastPass = rate;
                if (rate >= options.maxRateHz()) {
                    break;
                }
                rate = Math.min(options.maxRateHz(), rate * options.stepFactor());
            } else {
                firstFail = rate;
                driverLimit = lastStepDriverLimited();
                break;
            }
        }
        if (!Double.isNaN(firstFail)) {
            double lo = lastPass;
            double hi = firstFail;
            while (hi - lo > options.precisionHz() && steps.size() < options.maxSteps()) {
                double mid = roundRate((lo + hi) / 2.0);
                if (mid <= lo || mid >= hi) {
                    break;
                }
                if (step("search", mid)) {
                    lo = mid;
                } else {
                    hi = mid;
                    driverLimit = lastStepDriverLimited();
                }
            }
            lastPass = lo;
        }
        Result r = new Result(lastPass, steps.size(), driverLimit);
        write(r);
        console.println(String.format(Locale.US, "max sustainable rate at p99 < %s: %.0f req/s (%s, %d features, %d rows/request%s)",
                org.wsinfer.loadtest.config.Durations.format(options.sloP99()), r.maxSustainableRateHz(),
                base.framing().label(), features, base.rows(),
                driverLimit ? "; note: a failing step was limited by the driver, not the server" : ""));
        return r;
    }

    private boolean lastStepDriverLimited() {
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) steps.get(steps.size() - 1).get("reasons");
        return reasons.stream().anyMatch(s -> s.startsWith("driver fell behind"));
    }

    private static double roundRate(double r) {
        return r >= 100 ? Math.round(r) : Math.round(r * 100) / 100.0;
    }

    private boolean step(String phase, double rateHz) throws DriveException, IOException {
        int n = steps.size() + 1;
        String dir = String.format(Locale.US, "step-%02d-r%s", n, rateLabel(rateHz));
        if (n > 1 && !options.cooldown().isZero()) {
            sleep(options.cooldown().toMillis());
        }
        console.println(String.format(Locale.US, "== capacity step %d (%s): %.1f req/s -> %s", n, phase, rateHz, dir));
        RunResult r = runner.run(base.toBuilder().rateHz(rateHz).outDir(base.outDir().resolve(dir)).build());
        Object cfgFeatures = ((Map<?, ?>) r.summary().get("config")).get("features");
        if (cfgFeatures instanceof Number) {
            features = ((Number) cfgFeatures).intValue();
        }
        boolean passed = r.validity().valid() && r.errors() == 0 && r.timeouts() == 0 && r.lost() == 0
                && r.corrected().p99Us() < options.sloP99Us();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("step", n);
        s.put("phase", phase);
        s.put("offeredHz", rateHz);
        s.put("achievedHz", r.achievedSendHz());
        s.put("answeredHz", r.answeredHz());
        s.put("p50Us", r.corrected().p50Us());
        s.put("p99Us", r.corrected().p99Us());
        s.put("p999Us", r.corrected().p999Us());
        s.put("errors", r.errors());
        s.put("timeouts", r.timeouts());
        s.put("lost", r.lost());
        s.put("valid", r.validity().valid());
        s.put("passed", passed);
        s.put("reasons", r.validity().reasons());
        Object cpu = r.summary().get("serverCpu");
        s.put("serverCpuUsPerRequest", cpu instanceof Map<?, ?> m ? m.get("cpuUsPerRequest") : null);
        s.put("dir", dir);
        steps.add(s);
        write(new Result(maxPassedHz(), steps.size(), false));   // a partial capacity.json survives a failed step
        console.println(String.format(Locale.US, "== step %d: %.1f req/s p99 %.1f us errors %d timeouts %d %s -> %s", n,
                rateHz, r.corrected().p99Us(), r.errors(), r.timeouts(), r.validity().valid() ? "valid" : "INVALID",
                passed ? "PASS" : "FAIL"));
        return passed;
    }

    private double maxPassedHz() {
        double max = 0;
        for (Map<String, Object> st : steps) {
            if (Boolean.TRUE.equals(st.get("passed"))) {
                max = Math.max(max, (Double) st.get("offeredHz"));
            }
        }
        return max;
    }

    static String rateLabel(double rateHz) {
        return rateHz == Math.rint(rateHz) ? Long.toString((long) rateHz) : String.format(Locale.US, "%.2f", rateHz);
    }

    private void write(Result r) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("framing", base.framing().label());
        m.put("features", features);
        m.put("rows", base.rows());
        m.put("sloP99Us", options.sloP99Us());
        m.put("precisionHz", options.precisionHz());
        m.put("maxSustainableRateHz", r.maxSustainableRateHz());
        m.put("limitedByDriver", r.limitedByDriver());
        m.put("steps", steps);
        Map<String, Object> config = new LinkedHashMap<>(base.toMap());
        config.remove("rateHz");
        config.put("features", features);
        config.put("search", options.toMap());
        m.put("config", config);
        m.put("environment", Environment.capture());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(base.outDir().resolve("capacity.json").toFile(), m);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
