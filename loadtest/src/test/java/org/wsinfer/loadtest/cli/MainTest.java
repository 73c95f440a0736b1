package org.wsinfer.loadtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.loadtest.testserver.ScriptedServer;

/** The command line: exit codes 0 / 1 / 2 and clear messages naming the option. */
class MainTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badDurationIsExit2NamingTheOption() {
        assertEquals(2, run("drive", "--duration", "ten", "--out", tmp.toString()));
        assertTrue(err().contains("--duration"), err());
        assertTrue(err().contains("not a duration"), err());
    }

    @Test
    void badValuesAreExit2() {
        assertEquals(2, run("drive", "--url", "http://127.0.0.1:1/ws", "--out", tmp.toString()));
        assertTrue(err().contains("ws:// or wss://"), err());
        err.reset();
        assertEquals(2, run("drive", "--rate", "-5", "--out", tmp.toString()));
        assertTrue(err().contains("--rate"), err());
        err.reset();
        assertEquals(2, run("drive", "--framing", "xml", "--out", tmp.toString()));
        assertTrue(err().contains("--framing"), err());
        err.reset();
        assertEquals(2, run("drive", "--start-at", "tomorrow", "--out", tmp.toString()));
        assertTrue(err().contains("--start-at"), err());
        err.reset();
        assertEquals(2, run("capacity", "--out", tmp.toString()));
        assertTrue(err().contains("--slo-p99"), err());
        err.reset();
        assertEquals(2, run());
    }

    @Test
    void nothingListeningIsExit2() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(2, run("drive", "--url", "ws://127.0.0.1:" + port + "/ws", "--features", "4", "--duration", "1s",
                "--clock-samples", "0", "--out", tmp.resolve("x").toString()));
        assertTrue(err().contains("could not connect"), err());
    }

    @Test
    void aValidRunExits0AndAnInvalidOneExits1() throws Exception {
        try (ScriptedServer server = new ScriptedServer(4)) {
            String url = server.wsUri().toString();
            assertEquals(0, run("drive", "--url", url, "--rate", "200", "--duration", "1s", "--warmup", "200ms",
                    "--min-duration", "500ms", "--min-requests", "50", "--max-send-lag-p99", "200ms",
                    "--clock-samples", "0", "--quiet", "--out", tmp.resolve("ok").toString()), out.toString());
            assertTrue(Files.isRegularFile(tmp.resolve("ok/summary.json")));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("verdict: VALID"));
            // too few requests for the minimum: finished but invalid
            assertEquals(1, run("drive", "--url", url, "--rate", "100", "--duration", "500ms", "--warmup", "0s",
                    "--min-duration", "100ms", "--min-requests", "1000", "--max-send-lag-p99", "200ms",
                    "--clock-samples", "0", "--quiet", "--out", tmp.resolve("few").toString()));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("too few requests"));
        }
    }

    @Test
    void sweepWithoutServerJarChecksTheServersFeatures() throws Exception {
        try (ScriptedServer server = new ScriptedServer(16)) {
            assertEquals(2, run("sweep", "--url", server.wsUri().toString(), "--features", "1,16", "--rates", "100",
                    "--out", tmp.resolve("sweep").toString()));
            assertTrue(err().contains("--features 1 does not match"), err());
        }
    }

    @Test
    void sweepRunsEveryCombinationAndWritesTheTable() throws Exception {
        try (ScriptedServer server = new ScriptedServer(4)) {
            Path dir = tmp.resolve("sweep");
            assertEquals(0, run("sweep", "--url", server.wsUri().toString(), "--features", "4", "--rates", "100,200",
                    "--framings", "binary,text", "--duration", "600ms", "--warmup", "0s", "--min-duration", "500ms",
                    "--min-requests", "50", "--max-send-lag-p99", "200ms", "--clock-samples", "0", "--quiet",
                    "--out", dir.toString()), err());
            for (String run : new String[] {"binary-f4-r100", "binary-f4-r200", "text-f4-r100", "text-f4-r200"}) {
                assertTrue(Files.isRegularFile(dir.resolve(run).resolve("summary.json")), run);
            }
            var sweep = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("sweep.json").toFile());
            assertEquals("wsinfer.sweep/1", sweep.get("schema").asText());
            assertEquals(4, sweep.get("runs").size());
            assertTrue(sweep.at("/runs/2/requestWireBytes").asDouble() > sweep.at("/runs/0/requestWireBytes").asDouble(),
                    "text requests are bigger than binary ones");
            String table = Files.readString(dir.resolve("sweep.txt"));
            assertTrue(table.contains("bytes/req") && table.contains("text"), table);
        }
    }
}
