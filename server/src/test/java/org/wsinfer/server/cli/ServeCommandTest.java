package org.wsinfer.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.server.ServerConfig;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serve command maps every option onto the configuration and refuses bad input with exit code 2. */
class ServeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new org.wsinfer.server.Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static ServerConfig parse(String... args) {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.toConfig();
    }

    @Test
    void optionsMapOntoTheConfiguration() {
        ServerConfig c = parse("--host", "::1", "--port", "0", "--model", "echo", "--echo-dim", "8",
                "--io-threads", "3", "--inference-threads", "2", "--queue-capacity", "50", "--max-queued-elements",
                "300000", "--max-batch-rows", "32", "--max-queue-delay-us", "100", "--max-frame-payload-bytes", "4096",
                "--max-elements", "1000", "--max-connections", "7", "--idle-timeout-ms", "1500",
                "--max-in-flight-per-connection", "9", "--drain-timeout-ms", "250", "--backlog", "64",
                "--write-buffer-low-bytes", "1000", "--write-buffer-high-bytes", "2000", "--no-native-transport");
        assertEquals("::1", c.host());
        assertEquals(0, c.port());
        assertTrue(c.echo());
        assertEquals(8, c.echoDim());
        assertEquals(3, c.ioThreads());
        assertEquals(2, c.inferenceThreads());
        assertEquals(50, c.queueCapacity());
        assertEquals(300_000, c.maxQueuedElements());
        assertEquals(32, c.maxBatchRows());
        assertEquals(100, c.maxQueueDelayUs());
        assertEquals(4096, c.maxFramePayloadBytes());
        assertEquals(1000, c.maxElements());
        assertEquals(7, c.maxConnections());
        assertEquals(1500, c.idleTimeoutMs());
        assertEquals(9, c.maxInFlightPerConnection());
        assertEquals(250, c.drainTimeoutMs());
        assertEquals(64, c.backlog());
        assertEquals(1000, c.writeBufferLowBytes());
        assertEquals(2000, c.writeBufferHighBytes());
        assertFalse(c.nativeTransport());
        assertEquals(Path.of("models/m1"), parse("--model", "models/m1").modelDir());
        assertEquals(0, parse("--batching", "off").maxBatchRows());
    }

    @Test
    void badOptionsExitWith2AndAMessage() {
        assertEquals(2, run("serve", "--port", "-1"));
        assertTrue(err.toString().contains("port must be 0..65535"), err.toString());
        assertEquals(2, run("serve", "--no-such-option"));
        assertEquals(2, run("serve", "--port", "eighty"));
        assertEquals(2, run("serve", "--batching", "maybe"));
        assertTrue(err.toString().contains("--batching must be on or off"), err.toString());
        assertEquals(2, run());
    }

    @Test
    void aBadModelExitsWith2NamingTheFile(@TempDir Path dir) throws Exception {
        assertEquals(2, run("serve", "--port", "0", "--model", dir.resolve("missing").toString()));
        assertTrue(err.toString().contains("missing"), err.toString());
        Files.writeString(dir.resolve("model.json"), "{broken");
        assertEquals(2, run("serve", "--port", "0", "--model", dir.toString()));
        assertTrue(err.toString().contains("model.json"), err.toString());
        assertTrue(out.toString().contains("config ServerConfig{"), "the configuration is printed first");
    }
}
