package org.wsinfer.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Durations, start times and the validated driver configuration. */
class DriverConfigTest {
    @Test
    void durationsParseWithTheirUnits() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofNanos(250_000), Durations.parse("250us"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        for (String bad : new String[] {"10", "ten", "5 parsecs", "-1s", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad));
            assertTrue(e.getMessage().contains("not a duration"), e.getMessage());
        }
        assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
        assertEquals("1.5ms", Durations.format(Duration.ofNanos(1_500_000)));
    }

    @Test
    void startAtIsAnInstantOrADelay() {
        StartAt abs = StartAt.parse("2026-12-04T10:00:00Z");
        assertEquals(Instant.parse("2026-12-04T10:00:00Z").toEpochMilli() * 1_000_000L, abs.startEpochNs(0));
        StartAt rel = StartAt.parse("+30s");
        assertEquals(1_000L + 30_000_000_000L, rel.startEpochNs(1_000L));
        assertThrows(IllegalArgumentException.class, () -> StartAt.parse("noon"));
    }

    @Test
    void everyFieldIsValidatedWithTheOptionNamed() {
        DriverConfig ok = DriverConfig.builder().url("ws://127.0.0.1:9/ws").build();
        assertEquals(1000.0, ok.rateHz());
        assertTrue(ok.toString().contains("rateHz=1000.0"), ok.toString());
        assertEquals("random", ok.toMap().get("inputs"));
        String[][] cases = {
            {"--url", "url"}, {"--rate", "rate"}, {"--connections", "connections"}, {"--rows", "rows"},
            {"--interval", "interval"}, {"--injector-id", "injector"}, {"--duration", "duration"},
        };
        for (String[] c : cases) {
            DriverConfig.Builder b = DriverConfig.builder();
            switch (c[1]) {
                case "url":
                    b.url("http://x/ws");
                    break;
                case "rate":
                    b.rateHz(0);
                    break;
                case "connections":
                    b.connections(0);
                    break;
                case "rows":
                    b.rows(70_000);
                    break;
                case "interval":
                    b.interval(Duration.ofMillis(1));
                    break;
                case "injector":
                    b.injectorId("a b");
                    break;
                default:
                    b.duration(Duration.ZERO);
                    break;
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().startsWith(c[0]), e.getMessage());
        }
        DriverConfig r = ok.withRate(50).withFeatures(7);
        assertEquals(50, r.rateHz());
        assertEquals(7, r.features());
        assertEquals(ok.url(), r.url());
    }
}
