package org.wsinfer.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.loadtest.config.DriverConfig;
import org.wsinfer.loadtest.record.PercentileStats;
import org.wsinfer.loadtest.run.RunResult;

/** The ladder and binary search, with a stand-in for drive whose p99 crosses the SLO at a known rate. */
class CapacitySearchTest {
    @TempDir
    Path tmp;

    /** A fake server: p99 = 1 ms below the knee, 10 ms above; errors above 2 x knee. */
    private static StepRunner fake(double kneeHz, List<Double> rates) {
        return cfg -> {
            double r = cfg.rateHz();
            rates.add(r);
            double p99 = r <= kneeHz ? 1000 : 10_000;
            long errors = r > 2 * kneeHz ? 5 : 0;
            PercentileStats p = new PercentileStats(100, 10, 20, 500, 800, p99, p99 * 2, p99 * 2, p99 * 3);
            return new RunResult(cfg.outDir(), r, r, r, p, 100, 100 - errors, errors, 0, 0, 86, 38,
                    new org.wsinfer.loadtest.run.Validity(true, List.of()), Map.of("config", Map.of("features", 16)));
        };
    }

    @Test
    void findsTheKneeToThePrecision() throws Exception {
        List<Double> rates = new ArrayList<>();
        DriverConfig base = DriverConfig.builder().features(16).outDir(tmp).build();
        CapacityOptions opts = new CapacityOptions(Duration.ofMillis(2), 1000, 1_000_000, 2, 50, 30, Duration.ZERO);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CapacitySearch.Result r = new CapacitySearch(base, opts, fake(5300, rates),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        assertEquals(List.of(1000.0, 2000.0, 4000.0, 8000.0), rates.subList(0, 4), "the ladder doubles");
        assertTrue(r.maxSustainableRateHz() <= 5300 && r.maxSustainableRateHz() > 5300 - 50,
                "within the precision below the knee: " + r.maxSustainableRateHz());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("max sustainable rate at p99 < 2ms: "
                + Math.round(r.maxSustainableRateHz()) + " req/s"), out.toString(StandardCharsets.UTF_8));

        JsonNode c = new ObjectMapper().readTree(tmp.resolve("capacity.json").toFile());
        assertEquals("wsinfer.capacity/1", c.get("schema").asText());
        assertEquals(2000.0, c.get("sloP99Us").asDouble());
        assertEquals(r.maxSustainableRateHz(), c.get("maxSustainableRateHz").asDouble());
        assertEquals(rates.size(), c.get("steps").size());
        JsonNode first = c.get("steps").get(0);
        assertEquals("ladder", first.get("phase").asText());
        assertEquals("step-01-r1000", first.get("dir").asText());
        assertTrue(first.get("passed").asBoolean());
        assertEquals("search", c.get("steps").get(4).get("phase").asText());
        assertEquals(16, c.get("features").asInt());
    }

    @Test
    void errorsFailAStepEvenUnderTheSlo() throws Exception {
        List<Double> rates = new ArrayList<>();
        DriverConfig base = DriverConfig.builder().features(16).outDir(tmp).build();
        // p99 always under the SLO (knee far away) but errors above 2 x 1500 = 3000
        StepRunner errorsAbove3000 = cfg -> {
            double rate = cfg.rateHz();
            rates.add(rate);
            long errors = rate > 3000 ? 1 : 0;
            PercentileStats p = new PercentileStats(100, 10, 20, 500, 800, 900, 1000, 1000, 1000);
            return new RunResult(cfg.outDir(), rate, rate, rate, p, 100, 100 - errors, errors, 0, 0, 86, 38,
                    new org.wsinfer.loadtest.run.Validity(true, List.of()), Map.of("config", Map.of()));
        };
        CapacityOptions opts = new CapacityOptions(Duration.ofMillis(2), 1000, 100_000, 2, 100, 30, Duration.ZERO);
        CapacitySearch.Result r = new CapacitySearch(base, opts, errorsAbove3000,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        assertTrue(r.maxSustainableRateHz() <= 3000 && r.maxSustainableRateHz() > 2900, "" + r);
    }
}
