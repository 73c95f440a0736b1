package org.wsinfer.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the image's launcher, {@code deploy/container/wsinfer.sh}, with a fake {@code java} that prints its arguments. */
class LauncherScriptTest {
    /** What a finished launcher run printed and returned. */
    record Run(int exitCode, List<String> stdout, String stderr) {
    }

    static Path script;

    @TempDir
    Path home;

    @BeforeAll
    static void locate() {
        script = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("container/wsinfer.sh");
        assertTrue(Files.isRegularFile(script), "missing " + script);
    }

    @Test
    void runsTheToolsJarWithJavaOptsSplitAndArgumentsKeptWhole() throws Exception {
        Run run = launch(Map.of("JAVA_OPTS", "-Xmx64m  -Dwsinfer.test=1"),
                "server", "serve", "--port", "8080", "an argument with spaces");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("-Xmx64m", "-Dwsinfer.test=1", "-jar", home.resolve("wsinfer-server.jar").toString(),
                "serve", "--port", "8080", "an argument with spaces"), run.stdout());
    }

    @Test
    void runsWithoutJavaOpts() throws Exception {
        Run run = launch(Map.of(), "loadtest", "drive", "--url", "ws://wsinfer-server:8080/ws");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("-jar", home.resolve("wsinfer-loadtest.jar").toString(),
                "drive", "--url", "ws://wsinfer-server:8080/ws"), run.stdout());
    }

    @Test
    void refusesAnUnknownToolOrNoToolWithExitCode2() throws Exception {
        Run unknown = launch(Map.of(), "microbench", "run");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("unknown tool 'microbench'"), unknown.stderr());
        assertEquals(List.of(), unknown.stdout(), "java must not run");

        Run none = launch(Map.of());
        assertEquals(2, none.exitCode());
        assertTrue(none.stderr().contains("usage: wsinfer"), none.stderr());
    }

    @Test
    void refusesAMissingJarWithExitCode2() throws Exception {
        Files.delete(home.resolve("wsinfer-reports.jar"));
        Run run = launch(Map.of(), "reports", "merge", "/results/injector-0");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("wsinfer-reports.jar is missing"), run.stderr());
        assertEquals(List.of(), run.stdout(), "java must not run");
    }

    /** Fills the temp dir with three empty jars and a fake java (in bin/) that prints one argument per line. */
    @BeforeEach
    void fakeInstall() throws IOException {
        for (String tool : List.of("server", "loadtest", "reports")) {
            Files.createFile(home.resolve("wsinfer-" + tool + ".jar"));
        }
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the launcher with WSINFER_HOME = the temp dir and the fake java first on PATH. */
    private Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path bin = home.resolve("bin");
        List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        pb.environment().put("WSINFER_HOME", home.toString());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Path err = home.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish within 10 s");
        }
        return new Run(p.exitValue(), out.isEmpty() ? List.of() : out.lines().toList(),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
