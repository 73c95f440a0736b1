package org.wsinfer.reports.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.reports.model.GatlingStats;
import org.wsinfer.reports.testutil.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatlingReaderTest {

    @Test
    void readsTheStatisticsTableOfARealGatling316Report() {
        Path dir = Fixtures.path("results-real/gatling/predictsimulation-20261204144122232");
        assertTrue(GatlingReader.isReport(dir));
        GatlingStats g = GatlingReader.read(dir);
        assertEquals("PredictSimulation", g.simulation());
        assertEquals(List.of(50.0, 75.0, 95.0, 99.0), g.percentileLevels());
        assertEquals("All Requests", g.global().name());
        assertEquals(4862, g.global().total());
        assertEquals(4862, g.global().ok());
        assertEquals(0, g.global().ko());
        assertEquals(405.17, g.global().meanRps(), 1e-9);
        assertEquals(7.0, g.global().percentilesMs().get(3), 1e-9);
        assertEquals(146.0, g.global().maxMs(), 1e-9);
        assertTrue(g.requests().stream().anyMatch(r -> r.name().equals("answer binary")), g.requests().toString());
        long sum = g.requests().stream().mapToLong(GatlingStats.GatlingLine::total).sum();
        assertEquals(g.global().total(), sum, "request lines add up to the global line");
    }

    @Test
    void readsTheStatsJsObjectOfOlderReports(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("js"));
        Files.writeString(tmp.resolve("index.html"), "<html><body><table><tr><th>50th pct</th><th>75th pct</th>"
                + "<th>95th pct</th><th>99.9th pct</th></tr></table></body></html>");
        Files.writeString(tmp.resolve("js/stats.js"), """
                var stats = {
                    type: "GROUP", name: "All Requests", path: "", pathFormatted: "group_missing-name-b06d1",
                stats: {
                    "name": "All Requests",
                    "numberOfRequests": { "total": "100", "ok": "98", "ko": "2" },
                    "minResponseTime": { "total": "1", "ok": "1", "ko": "5" },
                    "maxResponseTime": { "total": "40", "ok": "30", "ko": "40" },
                    "meanResponseTime": { "total": "3", "ok": "3", "ko": "20" },
                    "percentiles1": { "total": "2", "ok": "2", "ko": "5" },
                    "percentiles2": { "total": "3", "ok": "3", "ko": "30" },
                    "percentiles3": { "total": "9", "ok": "8", "ko": "40" },
                    "percentiles4": { "total": "35", "ok": "29", "ko": "40" },
                    "meanNumberOfRequestsPerSecond": { "total": "10.5", "ok": "10.3", "ko": "0.2" }
                },
                contents: {
                "req_a": { type: "REQUEST", name: "a", path: "a", pathFormatted: "req_a",
                stats: { "name": "a", "numberOfRequests": { "total": "100", "ok": "98", "ko": "2" },
                    "percentiles4": { "total": "35", "ok": "29", "ko": "-" } } }
                }
                };
                function fillStats(stat){ $("#numberOfRequests").append(stat.numberOfRequests.total); }
                """);
        GatlingStats g = GatlingReader.read(tmp);
        assertEquals(List.of(50.0, 75.0, 95.0, 99.9), g.percentileLevels());
        assertEquals(100, g.global().total());
        assertEquals(2, g.global().ko());
        assertEquals(35.0, g.global().percentilesMs().get(3), 1e-9);
        assertEquals(1, g.requests().size());
    }

    @Test
    void aFolderWithoutStatisticsIsBadInput(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("js"));
        Files.writeString(tmp.resolve("index.html"), "<html><body>nothing</body></html>");
        InputException e = assertThrows(InputException.class, () -> GatlingReader.read(tmp));
        assertTrue(e.getMessage().contains("index.html"), e.getMessage());
    }
}
