package org.wsinfer.reports.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.reports.chart.JmhChart;
import org.wsinfer.reports.model.JmhResult;
import org.wsinfer.reports.testutil.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhReaderTest {

    @Test
    void readsARealQuickRun() {
        List<JmhResult> results = JmhReader.read(Fixtures.path("results-real/jmh/jmh.json"));
        assertEquals(8, results.size());
        for (JmhResult r : results) {
            assertEquals("avgt", r.mode());
            assertEquals("ns/op", r.scoreUnit());
            assertFalse(r.higherIsBetter());
            assertTrue(r.score() > 0);
            assertTrue(r.params().containsKey("features"));
            assertTrue(r.shortName().startsWith("CodecBenchmark."), r.shortName());
        }
        long binary = results.stream().filter(r -> JmhChart.framingOf(r).equals("binary")).count();
        long text = results.stream().filter(r -> JmhChart.framingOf(r).equals("text")).count();
        assertEquals(4, binary);
        assertEquals(4, text);
    }

    @Test
    void nanErrorsAndThroughputUnits(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("jmh.json");
        Files.writeString(f, """
                [ { "benchmark": "a.B.run", "mode": "thrpt", "threads": 1, "forks": 1, "params": {"framing": "text"},
                    "primaryMetric": { "score": 12.5, "scoreError": "NaN", "scoreUnit": "ops/ms" } } ]
                """);
        JmhResult r = JmhReader.read(f).get(0);
        assertTrue(Double.isNaN(r.scoreError()));
        assertTrue(r.higherIsBetter());
        assertEquals(12.5, r.lower());
        assertEquals("text", JmhChart.framingOf(r));
    }

    @Test
    void notAnArrayIsBadInputNamingTheFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("jmh.json");
        Files.writeString(f, "{\"benchmark\": 1}");
        InputException e = assertThrows(InputException.class, () -> JmhReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }
}
