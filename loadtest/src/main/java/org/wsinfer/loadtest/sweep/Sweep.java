package org.wsinfer.loadtest.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsinfer.loadtest.capacity.StepRunner;
import org.wsinfer.loadtest.client.ClientTls;
import org.wsinfer.loadtest.client.HttpProbe;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.env.Environment;
import org.wsinfer.loadtest.run.DriveException;
import org.wsinfer.loadtest.run.RunResult;
import org.wsinfer.protocol.Framing;

/**
 * The text-vs-binary study: one {@code drive} run per (features, framing, rate), against a server the sweep starts
 * per feature size from {@code --server-jar}, or against {@code --url} whose model must match. Writes
 * {@code sweep.json} and {@code sweep.txt} (the table). Holds no measuring code of its own.
 */
public final class Sweep {
    /** The sweep.json schema id. */
    public static final String SCHEMA = "wsinfer.sweep/1";

    private final DriverConfig base;
    private final List<Framing> framings;
    private final List<Integer> features;
    private final List<Double> rates;
    private final Path serverJar;
    private final List<String> serverArgs;
    private final StepRunner runner;
    private final PrintStream console;

    /** A sweep over the given lists; {@code serverJar} null means "use base.url()". */
    public Sweep(DriverConfig base, List<Framing> framings, List<Integer> features, List<Double> rates, Path serverJar,
                 List<String> serverArgs, StepRunner runner, PrintStream console) {
        if (base.outDir() == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (framings.isEmpty() || features.isEmpty() || rates.isEmpty()) {
            throw new IllegalArgumentException("--framings, --features and --rates must each name at least one value");
        }
        for (int f : features) {
            if (f < 1) {
                throw new IllegalArgumentException("--features must be >= 1, not " + f);
            }
        }
        for (double r : rates) {
            if (!(r > 0)) {
                throw new IllegalArgumentException("--rates must be > 0, not " + r);
            }
        }
        if (serverJar != null && !Files.isRegularFile(serverJar)) {
            throw new IllegalArgumentException("--server-jar " + serverJar + " is not a file");
        }
        this.base = base;
        this.framings = List.copyOf(framings);
        this.features = List.copyOf(features);
        this.rates = List.copyOf(rates);
        this.serverJar = serverJar;
        this.serverArgs = List.copyOf(serverArgs);
        this.runner = runner;
        this.console = console;
    }

    /** Runs every combination and writes the combined files; returns the runs' entries. */
    public List<Map<String, Object>> run() throws DriveException, IOException {
        Path out = base.outDir();
        Files.createDirectories(out);
        List<Map<String, Object>> runs = new ArrayList<>();
        if (serverJar == null) {
            checkServerFeatures();
        }
        for (int f : features) {
            if (serverJar == null) {
                runAll(base.url().toString(), f, runs);
                continue;
            }
            Path modelDir = out.resolve("models").resolve("f" + f);
            Path log = out.resolve("server-f" + f + ".log");
            console.println("== sweep: training a " + f + "-feature model into " + modelDir);
            ServerProcess.trainModel(serverJar, f, modelDir, log);
            try (ServerProcess server = ServerProcess.serve(serverJar, modelDir, serverArgs, log,
                    new ClientTls(base.insecure(), base.trustCert()))) {
                console.println("== sweep: server for " + f + " features at " + server.wsUrl());
                runAll(server.wsUrl().toString(), f, runs);
            }
        }
        write(runs);
        return runs;
    }

    private void checkServerFeatures() throws DriveException {
        int dim;
        try {
            dim = new HttpProbe(base.url(), new ClientTls(base.insecure(), base.trustCert()),
                    java.time.Duration.ofSeconds(5)).modelInputDim();
        } catch (IOException e) {
            throw new DriveException("could not read the server's model (GET /v1/model): " + e.getMessage(), e);
        }
        for (int f : features) {
            if (f != dim) {
                throw new DriveException(String.format(Locale.US,
                        "--features %d does not match the server at %s (input_dim %d); pass --server-jar to let the"
                                + " sweep start a matching server per feature size", f, base.url(), dim));
            }
        }
    }

    private void runAll(String url, int f, List<Map<String, Object>> runs) throws DriveException, IOException {
        for (Framing framing : framings) {
            for (double rate : rates) {
                String dir = String.format(Locale.US, "%s-f%d-r%s", framing.label(), f, label(rate));
                console.println("== sweep run " + dir);
                DriverConfig cfg = base.toBuilder().url(url).framing(framing).features(f).rateHz(rate)
                        .outDir(base.outDir().resolve(dir)).build();
                RunResult r = runner.run(cfg);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("framing", framing.label());
                m.put("features", f);
                m.put("rows", base.rows());
                m.put("rateHz", rate);
                m.put("dir", dir);
                m.put("achievedHz", r.achievedSendHz());
                m.put("p50Us", r.corrected().p50Us());
                m.put("p99Us", r.corrected().p99Us());
                m.put("p999Us", r.corrected().p999Us());
                m.put("requestWireBytes", r.requestWireBytes());
                m.put("answerWireBytes", r.answerWireBytes());
                m.put("errors", r.errors());
                m.put("timeouts", r.timeouts());
                m.put("valid", r.validity().valid());
                runs.add(m);
            }
        }
    }

    private static String label(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.US, "%.2f", rate);
    }

    private void write(List<Map<String, Object>> runs) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("runs", runs);
        Map<String, Object> config = new LinkedHashMap<>(base.toMap());
        config.remove("rateHz");
        config.remove("framing");
        config.remove("features");
        config.put("framings", framings.stream().map(Framing::label).toList());
        config.put("featuresList", features);
        config.put("rates", rates);
        config.put("serverJar", serverJar == null ? null : serverJar.toString());
        m.put("config", config);
        m.put("environment", Environment.capture());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(base.outDir().resolve("sweep.json").toFile(), m);
        String table = table(runs);
        Files.writeString(base.outDir().resolve("sweep.txt"), table, StandardCharsets.UTF_8);
        console.print(table);
    }

    /** The sweep as a fixed-width table: rate, framing, features -> p50/p99, bytes/request, achieved rate. */
    static String table(List<Map<String, Object>> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.US, "%10s %-7s %8s %10s %10s %12s %12s %6s%n", "rate/s", "framing", "features",
                "p50 us", "p99 us", "bytes/req", "achieved/s", "valid"));
        for (Map<String, Object> r : runs) {
            sb.append(String.format(Locale.US, "%10.0f %-7s %8d %10.1f %10.1f %12.1f %12.1f %6s%n",
                    (Double) r.get("rateHz"), r.get("framing"), (Integer) r.get("features"), (Double) r.get("p50Us"),
                    (Double) r.get("p99Us"), (Double) r.get("requestWireBytes"), (Double) r.get("achievedHz"),
                    r.get("valid")));
        }
        return sb.toString();
    }
}
