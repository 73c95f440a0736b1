package org.wsinfer.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One load injector in its own JVM ({@code java -cp <test classpath> org.wsinfer.loadtest.cli.Main drive ...}), its
 * output copied to a log file with the wall-clock time at which it printed that it waits for the shared start.
 */
final class InjectorJvm implements AutoCloseable {
    /** The line {@code drive} prints once connected, before it waits for {@code --start-at}. */
    static final String WAITING = "waiting for the shared start at ";

    private final String id;
    private final Process process;
    private final Path log;
    private final Thread pump;
    private volatile long waitingAtEpochMs = -1;

    private InjectorJvm(String id, Process process, Path log) {
        this.id = id;
        this.process = process;
        this.log = log;
        this.pump = new Thread(this::copyOutput, "injector-" + id + "-log");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code drive} with {@code driveArgs} in a new JVM on the current classpath; output goes to {@code log}. */
    static InjectorJvm start(String id, List<String> driveArgs, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true",
                "-Dio.netty.leakDetection.level=paranoid",
                "-cp", System.getProperty("java.class.path"), "org.wsinfer.loadtest.cli.Main", "drive"));
        cmd.addAll(driveArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return new InjectorJvm(id, pb.start(), log);
    }

    /** The injector's id. */
    String id() {
        return id;
    }

    /** Waits until {@code deadlineNanos} (a {@link System#nanoTime()} value); the exit code, or -1 if still running. */
    int awaitExit(long deadlineNanos) throws InterruptedException {
        long leftNs = Math.max(0, deadlineNanos - System.nanoTime());
        if (!process.waitFor(leftNs, TimeUnit.NANOSECONDS)) {
            return -1;
        }
        pump.join(5_000);
        return process.exitValue();
    }

    /** Wall-clock ms at which it printed {@link #WAITING}, -1 if it never did. */
    long waitingAtEpochMs() {
        return waitingAtEpochMs;
    }

    /** Everything it printed so far. */
    String output() {
        try {
            return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (waitingAtEpochMs < 0 && line.startsWith(WAITING)) {
                    waitingAtEpochMs = System.currentTimeMillis();
                }
                w.write(line);
                w.newLine();
                w.flush();
            }
        } catch (IOException e) {
            // the process is gone or the log cannot be written: the test reports the exit code and the log it has
        }
    }

    /** Stops the process if it still runs (SIGTERM, then SIGKILL) and waits for it. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
