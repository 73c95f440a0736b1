package org.wsinfer.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.protocol.Framing;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.WsInferServer;

/**
 * The driver against the reference server serving {@code wss://} with a certificate made at run time: trusted with
 * {@code --trust-cert PEM} or {@code --insecure} every request is answered; trusting only the JDK's CAs the run
 * fails with a clear error instead of measuring nothing.
 */
class TlsDriveTest {
    @TempDir
    static Path tmp;

    private static WsInferServer server;
    private static TestPem pem;

    @BeforeAll
    static void startServer() throws Exception {
        pem = TestPem.write(tmp);
        server = WsInferServer.start(ServerConfig.builder().host("127.0.0.1").port(0).echo(true).echoDim(16)
                .tlsCert(pem.cert()).tlsKey(pem.key()).build());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static RunResult drive(DriverConfig cfg) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        return new DriveRun(cfg, NanoClock.system(), new PrintStream(console, true, StandardCharsets.UTF_8)).execute();
    }

    @Test
    void trustingTheTestCertificateEveryRequestIsAnsweredOverWss() throws Exception {
        assertEquals("wss", server.wsUri().getScheme());
        for (Framing framing : Framing.values()) {
            Path out = tmp.resolve("trusted-" + framing.label());
            drive(TestConfigs.shortRun(server.wsUri(), out, framing, 200, Duration.ofSeconds(1))
                    .trustCert(pem.cert()).build());
            JsonNode s = RunFiles.summary(out);
            assertEquals(200, s.at("/counts/sent").asLong());
            assertEquals(200, s.at("/counts/ok").asLong(), framing + ": every request answered over TLS");
        }
        Path out = tmp.resolve("insecure");
        drive(TestConfigs.shortRun(server.wsUri(), out, Framing.BINARY, 200, Duration.ofSeconds(1))
                .insecure(true).build());
        assertEquals(200, RunFiles.summary(out).at("/counts/ok").asLong());
    }

    @Test
    void notTrustingTheCertificateIsAClearError() {
        DriverConfig cfg = TestConfigs.shortRun(server.wsUri(), tmp.resolve("untrusted"), Framing.BINARY, 100,
                Duration.ofSeconds(1)).build();
        Exception e = assertThrows(Exception.class, () -> drive(cfg));
        String text = e.toString() + " " + (e.getCause() == null ? "" : e.getCause().toString());
        assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("certif")
                || text.toLowerCase(java.util.Locale.ROOT).contains("ssl")
                || text.toLowerCase(java.util.Locale.ROOT).contains("pkix"), text);
    }
}
