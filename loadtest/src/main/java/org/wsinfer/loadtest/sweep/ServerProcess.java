package org.wsinfer.loadtest.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wsinfer.loadtest.client.ClientTls;

/**
 * A reference server the sweep starts itself from the server's shaded jar: {@code train --random-weights} a model of
 * the wanted input size, {@code serve --port 0 --model DIR}, parse {@code listening on ws://...}, wait for
 * {@code /health} (over https with the driver's trust settings when the server printed {@code wss://}, i.e. when
 * {@code --server-arg --tls-cert/--tls-key} were passed); {@link #close()} sends SIGTERM, then kills after a timeout.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (wss?://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final URI wsUrl;
    private final ClientTls tls;

    private ServerProcess(Process process, URI wsUrl, ClientTls tls) {
        this.process = process;
        this.wsUrl = wsUrl;
        this.tls = tls;
    }

    /** Writes a random-weights model of {@code inputDim} x 1 into {@code modelDir} with the server jar. */
    public static void trainModel(Path jar, int inputDim, Path modelDir, Path logFile) throws IOException {
        Files.createDirectories(modelDir.getParent());
        List<String> cmd = javaJar(jar);
        cmd.addAll(List.of("train", "--random-weights", "--input-dim", Integer.toString(inputDim), "--output-dim", "1",
                "--name", "sweep-f" + inputDim, "--out", modelDir.toString(), "--force"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("train timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while training", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("train exited " + p.exitValue() + " (see " + logFile + "): " + String.join(" ", cmd));
        }
    }

    /** Starts {@code serve --port 0 --model modelDir} and returns once {@code /health} answers 200. */
    public static ServerProcess serve(Path jar, Path modelDir, List<String> extraArgs, Path logFile) throws IOException {
        return serve(jar, modelDir, extraArgs, logFile, new ClientTls(false, null));
    }

    /** Like {@link #serve(Path, Path, List, Path)}; a {@code wss://} server's /health is checked with {@code tls}. */
    public static ServerProcess serve(Path jar, Path modelDir, List<String> extraArgs, Path logFile, ClientTls tls)
            throws IOException {
        List<String> cmd = javaJar(jar);
        cmd.addAll(List.of("serve", "--host", "127.0.0.1", "--port", "0", "--model", modelDir.toString()));
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(p, logFile, url), "wsinfer-server-log");
        pump.setDaemon(true);
        pump.start();
        ServerProcess sp;
        try {
            sp = new ServerProcess(p, url.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), tls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(p);
            throw new IOException("interrupted while starting the server", e);
        } catch (ExecutionException | TimeoutException e) {
            stop(p);
            throw new IOException("the server did not print 'listening on ws://...' (see " + logFile + "): "
                    + String.join(" ", cmd), e);
        }
        try {
            sp.awaitHealthy();
        } catch (IOException e) {
            sp.close();
            throw e;
        }
        return sp;
    }

    private static List<String> javaJar(Path jar) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    private static void pump(Process p, Path logFile, CompletableFuture<URI> url) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.newLine();
                log.flush();
                Matcher m = LISTENING.matcher(line);
                if (!url.isDone() && m.find()) {
                    url.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IOException("server output ended"));
    }

    private void awaitHealthy() throws IOException {
        boolean secure = "wss".equalsIgnoreCase(wsUrl.getScheme());
        URI health = URI.create((secure ? "https://" : "http://") + wsUrl.getHost() + ":" + wsUrl.getPort() + "/health");
        HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (secure) {
            hb.sslContext(tls.jdkContext());
        }
        HttpClient http = hb.build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + " before /health answered");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for /health", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for /health", e);
            }
        }
        throw new IOException("GET " + health + " did not answer 200 within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** The server's WebSocket URL, as it printed it. */
    public URI wsUrl() {
        return wsUrl;
    }

    /** SIGTERM, then SIGKILL after a timeout. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        p.destroy(); // SIGTERM: the server drains gracefully
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
