package org.wsinfer.loadtest.gatling;

import org.junit.jupiter.api.Test;
import org.wsinfer.protocol.Framing;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatlingSettingsTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(GatlingSettings.PREFIX + kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsGiveAShortOpenBinaryRunAgainstTheInProcessServer() {
        GatlingSettings s = GatlingSettings.from(new Properties());
        assertNull(s.url());
        assertTrue(s.inProcessServer());
        assertEquals(Framing.BINARY, s.framing());
        assertEquals(Workload.OPEN, s.workload());
        assertEquals(16, s.features());
        assertEquals(1, s.rows());
        assertEquals(20.0, s.rateHz());
        assertEquals(Duration.ofSeconds(2), s.ramp());
        assertEquals(Duration.ofSeconds(10), s.duration());
        assertEquals(10, s.requestsPerUser());
        assertEquals(250, s.sloP99Ms());
        assertEquals(0.0, s.maxFailedPct());
        assertEquals(10.0, s.minAnswersPerSec());
        assertTrue(s.checkValues());
    }

    @Test
    void readsEveryKindOfProperty() {
        GatlingSettings s = GatlingSettings.from(props("url", "ws://127.0.0.1:9000/ws", "framing", "text",
                "workload", "closed", "users", "8", "duration", "1500ms", "sloP99Ms", "0", "maxFailedPct", "2.5",
                "checkValues", "false", "stair.levels", "5", "churn.rate", "12.5"));
        assertEquals(URI.create("ws://127.0.0.1:9000/ws"), s.url());
        assertFalse(s.inProcessServer());
        assertEquals(Framing.TEXT, s.framing());
        assertEquals(Workload.CLOSED, s.workload());
        assertEquals(8, s.users());
        assertEquals(Duration.ofMillis(1500), s.duration());
        assertEquals(0, s.sloP99Ms());
        assertEquals(2.5, s.maxFailedPct());
        assertFalse(s.checkValues());
        assertEquals(5, s.stairLevels());
        assertEquals(12.5, s.churnRateHz());
    }

    @Test
    void badValuesAreRejectedNamingTheProperty() {
        assertMessage("wsinfer.url", props("url", "http://127.0.0.1/ws"));
        assertMessage("wsinfer.framing", props("framing", "xml"));
        assertMessage("wsinfer.workload", props("workload", "half-open"));
        assertMessage("wsinfer.users", props("users", "0"));
        assertMessage("wsinfer.users", props("users", "many"));
        assertMessage("wsinfer.rate", props("rate", "-1"));
        assertMessage("wsinfer.duration", props("duration", "10"));
        assertMessage("wsinfer.duration", props("duration", "0s"));
        assertMessage("wsinfer.maxFailedPct", props("maxFailedPct", "101"));
        assertMessage("wsinfer.checkValues", props("checkValues", "yes"));
        assertMessage("wsinfer.rows", props("rows", "65536"));
        assertMessage("wsinfer.echo", props("echo", "true", "modelDir", "/tmp/m"));
        assertMessage("wsinfer.echo", props("echo", "true", "url", "ws://127.0.0.1:1/ws"));
        assertMessage("262144", props("rows", "1000", "features", "1000"));
    }

    @Test
    void printsEveryFieldAndDescribesEveryProperty() {
        String text = GatlingSettings.from(props("framing", "text")).toString();
        assertTrue(text.contains("framing=text"), text);
        assertTrue(text.contains("url=(in-process reference server)"), text);
        assertTrue(text.contains("sloP99Ms=250"), text);
        for (String key : new String[]{"url", "framing", "features", "rows", "users", "rate", "duration",
                "requestsPerUser", "sloP99Ms", "maxFailedPct", "minAnswersPerSec", "modelDir"}) {
            assertTrue(GatlingSettings.describe().contains("wsinfer." + key + " "), key);
        }
    }

    private static void assertMessage(String expected, Properties p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatlingSettings.from(p));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
