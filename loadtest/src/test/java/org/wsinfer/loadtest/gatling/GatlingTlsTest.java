package org.wsinfer.loadtest.gatling;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulations' TLS settings: the in-process server serves wss:// with {@code wsinfer.tlsCert/tlsKey} (a
 * certificate made at run time), the pre-run check passes with {@code wsinfer.trustCert} or {@code wsinfer.insecure}
 * and fails with a clear message when only the JDK's trust store is used.
 */
class GatlingTlsTest {
    @TempDir
    Path tmp;

    private static GatlingSettings settings(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(GatlingSettings.PREFIX + kv[i], kv[i + 1]);
        }
        return GatlingSettings.from(p);
    }

    @Test
    void theInProcessServerServesWssAndTheTrustCheckFollowsTheSettings() throws Exception {
        org.wsinfer.loadtest.run.TestPem pem = org.wsinfer.loadtest.run.TestPem.write(tmp);
        GatlingSettings s = settings("echo", "true", "tlsCert", pem.cert().toString(), "tlsKey", pem.key().toString());
        try (ServerTarget target = ServerTarget.of(s)) {
            target.start();
            assertEquals("wss", target.uri().getScheme());
            assertDoesNotThrow(() -> GatlingTls.checkServerCertificate(settings("trustCert", pem.cert().toString()),
                    target.uri()));
            assertDoesNotThrow(() -> GatlingTls.checkServerCertificate(settings("insecure", "true"), target.uri()));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> GatlingTls.checkServerCertificate(settings(), target.uri()));
            assertTrue(e.getMessage().contains("wsinfer.trustCert=PEM"), e.getMessage());
        }
    }

    @Test
    void badCombinationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> settings("trustCert", "a.pem", "insecure", "true"));
        assertThrows(IllegalArgumentException.class, () -> settings("tlsCert", "a.pem"));
        assertThrows(IllegalArgumentException.class,
                () -> settings("url", "wss://127.0.0.1:1/ws", "tlsCert", "a.pem", "tlsKey", "b.pem"));
        GatlingSettings ok = settings("url", "wss://127.0.0.1:1/ws", "trustCert", "ca.pem");
        assertEquals(Path.of("ca.pem"), ok.trustCert());
        assertTrue(ok.toString().contains("trustCert=ca.pem"));
        assertTrue(GatlingSettings.describe().contains("wsinfer.trustCert"));
    }
}
