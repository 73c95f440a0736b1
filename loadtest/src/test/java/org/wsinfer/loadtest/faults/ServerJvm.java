package org.wsinfer.loadtest.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The reference server in a separate JVM on the test classpath ({@code java -cp ... org.wsinfer.server.Main serve}),
 * so that a test can SIGKILL it; output goes to a log file, start returns once it prints {@code listening on}.
 */
final class ServerJvm implements AutoCloseable {
    private final Process process;

    private ServerJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code serve --host 127.0.0.1 --port port} plus {@code args}; waits up to 60 s for it to listen. */
    static ServerJvm start(int port, Path log, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true",
                "-cp", System.getProperty("java.class.path"), "org.wsinfer.server.Main", "serve",
                "--host", "127.0.0.1", "--port", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ServerJvm jvm = new ServerJvm(p);
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
                 var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                         StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                    w.write(line);
                    w.newLine();
                    w.flush();
                    if (line.startsWith("listening on ")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IOException("server output ended before 'listening on'"));
        }, "server-jvm-log");
        pump.setDaemon(true);
        pump.start();
        try {
            listening.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            jvm.close();
            throw new IOException("the server JVM did not start listening (see " + log + ")", e);
        }
        return jvm;
    }

    /** SIGKILL, and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the process if it still runs (SIGTERM, then SIGKILL). */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
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
