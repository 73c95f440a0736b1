package org.wsinfer.reports.env;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.reports.read.Json;
import org.wsinfer.reports.testutil.Cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvCollectorTest {

    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz

            processor\t: 1
            model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz
            """;

    private record FakeProbe(Map<String, String> files, Map<List<String>, String> commands) implements SystemProbe {
        public Optional<String> readFile(String path) {
            return Optional.ofNullable(files.get(path));
        }

        public Optional<String> run(List<String> command) {
            return Optional.ofNullable(commands.get(command));
        }

        public String property(String name, String dflt) {
            return Map.of("java.version", "17.0.15", "os.name", "Linux", "os.version", "6.1.0-x").getOrDefault(name,
                    dflt);
        }

        public List<String> jvmArgs() {
            return List.of("-Xmx1g");
        }

        public int availableProcessors() {
            return 2;
        }

        public String hostname() {
            return "box";
        }
    }

    @Test
    void collectsFromProcAndGit() {
        FakeProbe probe = new FakeProbe(Map.of("/proc/cpuinfo", CPUINFO, "/proc/meminfo",
                "MemTotal:       24576000 kB\nMemFree: 1 kB\n"), Map.of(
                List.of("git", "rev-parse", "HEAD"), "0123456789abcdef0123456789abcdef01234567",
                List.of("git", "status", "--porcelain"), " M reports/pom.xml",
                List.of("uname", "-r"), "6.1.0-28-amd64"));
        JsonNode env = new EnvCollector(probe, Cli.CLOCK).collect(new EnvConfig(Path.of("env.json"), "quick",
                Json.MAPPER.createObjectNode().put("rates", "500,1000")));
        assertEquals("wsinfer.env/1", env.path("schema").asText());
        assertEquals("2026-12-04T15:00:00Z", env.path("createdAt").asText());
        assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz", env.path("cpuModel").asText());
        assertEquals(2, env.path("cpuCount").asInt());
        assertEquals(24576000L * 1024, env.path("memoryBytes").asLong());
        assertEquals("0123456789abcdef0123456789abcdef01234567", env.path("gitCommit").asText());
        assertTrue(env.path("gitDirty").asBoolean());
        assertEquals("6.1.0-28-amd64", env.path("kernel").asText());
        assertEquals("-Xmx1g", env.path("jvmArgs").get(0).asText());
        assertEquals("500,1000", env.path("configuration").path("rates").asText());
    }

    @Test
    void outsideACheckoutTheCommitIsNull() {
        JsonNode env = new EnvCollector(new FakeProbe(Map.of(), Map.of()), Cli.CLOCK)
                .collect(new EnvConfig(Path.of("env.json"), "ci", Json.MAPPER.createObjectNode()));
        assertTrue(env.path("gitCommit").isNull());
        assertTrue(env.path("gitDirty").isNull());
        assertEquals("6.1.0-x", env.path("kernel").asText(), "os.version when uname is unavailable");
        assertEquals(2, env.path("cpuCount").asInt());
    }

    @Test
    void cliWritesEnvJsonAndRejectsBadConfigJson(@TempDir Path tmp) {
        Path out = tmp.resolve("run/env.json");
        Cli.Run r = Cli.run("env", "--out", out.toString(), "--profile", "quick", "--config-json",
                "{\"profile\":\"quick\"}", "--git-dir", tmp.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode env = Json.read(out);
        assertEquals("quick", env.path("profile").asText());
        assertFalse(env.path("javaVersion").asText().isEmpty());
        assertTrue(env.path("availableProcessors").asInt() >= 1);
        assertEquals("quick", env.path("configuration").path("profile").asText());
        Cli.Run bad = Cli.run("env", "--out", out.toString(), "--profile", "quick", "--config-json", "{nope");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--config-json"), bad.err());
        assertEquals(2, Cli.run("env", "--out", out.toString(), "--profile", "q", "--config-json", "[1]").code());
    }
}
