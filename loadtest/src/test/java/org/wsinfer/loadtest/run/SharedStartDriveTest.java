package org.wsinfer.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.config.StartAt;
import org.wsinfer.loadtest.testserver.ScriptedServer;
import org.wsinfer.protocol.Framing;

/** Several injectors: a shared wall-clock start, the injector id in the log and summary, the clock check. */
class SharedStartDriveTest {
    @TempDir
    Path tmp;

    private static RunResult drive(DriverConfig cfg) throws Exception {
        return new DriveRun(cfg, NanoClock.system(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).execute();
    }

    @Test
    void injectorsWaitForTheSharedStartAndNameThemselves() throws Exception {
        try (ScriptedServer server = new ScriptedServer(4)) {
            Instant start = Instant.now().plusMillis(1500);
            DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), tmp.resolve("inj-a"), Framing.BINARY, 100,
                    Duration.ofMillis(600)).features(4).clockSamples(2).injectorId("inj-a")
                    .startAt(StartAt.parse(start.toString())).build();
            RunResult r = drive(cfg);
            JsonNode s = RunFiles.summary(r.dir());
            assertEquals("inj-a", s.get("injectorId").asText());
            assertEquals(start, Instant.parse(s.get("startedAt").asText()), "the schedule began at the shared instant");
            assertTrue(Files.readString(r.dir().resolve("latency.hlog")).contains("#injector: inj-a"));
            assertEquals(2, s.at("/clock/samples").asInt(), "two Date headers sampled");
            assertTrue(Math.abs(s.at("/clock/offsetMs").asDouble()) <= s.at("/clock/boundMs").asDouble() + 5,
                    "same machine: offset 0 within the bound " + s.get("clock"));
            assertEquals(60, r.sent());

            DriverConfig past = cfg.toBuilder().outDir(tmp.resolve("late"))
                    .startAt(StartAt.parse(Instant.now().minusSeconds(60).toString())).build();
            DriveException e = assertThrows(DriveException.class, () -> drive(past));
            assertTrue(e.getMessage().contains("in the past"), e.getMessage());
        }
    }
}
