package org.wsinfer.microbench.summary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary's figures from hand-made JMH JSON with known values. */
class MicrobenchSummaryTest {

    /** One avgt result: iterations of one fork, optional secondary results as "name":[values]. */
    private static String result(String method, String params, double[] ns, String secondaries) {
        StringBuilder raw = new StringBuilder();
        for (double v : ns) {
            raw.append(raw.length() == 0 ? "" : ",").append(String.format(Locale.US, "%.3f", v));
        }
        return "{\"benchmark\":\"org.wsinfer.microbench." + method + "\",\"mode\":\"avgt\",\"threads\":1,\"forks\":1,"
                + "\"jvmArgs\":[\"-Xmx1g\"],\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"score\":0,\"scoreUnit\":\"ns/op\",\"rawData\":[[" + raw + "]]},"
                + "\"secondaryMetrics\":{" + secondaries + "}}";
    }

    private static String inference(String method, int rows, double ns) {
        return result("InferenceBenchmark." + method, "\"features\":\"16\",\"outputs\":\"1\",\"rows\":\"" + rows + "\"",
                new double[] {ns * 0.9, ns, ns * 5}, ""); // the median ignores the outlier
    }

    @Test
    void inferenceFixedCostMarginalCostAndCrossover(@TempDir Path dir) throws IOException {
        // java: 10 ns/row, no fixed cost; gemm: 20 us + 15 ns/row -> within 2x never (15 < 20 but fixed 20 us:
        // 20000 + 15 r <= 20 r  ->  r >= 4000); naive: 50 us + 30 ns/row -> never
        StringBuilder json = new StringBuilder("[");
        for (int rows : new int[] {1, 64, 512}) {
            json.append(inference("javaFloor", rows, 10.0 * rows)).append(',');
            json.append(inference("serverModel", rows, 20_000 + 15.0 * rows)).append(',');
            json.append(inference("nd4jGemm", rows, 20_000 + 15.0 * rows)).append(',');
            json.append(inference("nd4jNaive", rows, 50_000 + 30.0 * rows)).append(rows == 512 ? "" : ",");
        }
        Path file = dir.resolve("jmh.json");
        Files.writeString(file, json.append(']').toString());
        List<JmhRecord> records = JmhJson.read(file);
        assertEquals(12, records.size());
        assertEquals(10.0, records.get(0).medianNs(), 1e-9);
        String md = MicrobenchSummary.summarise(records);
        assertTrue(md.contains("| serverModel | 20.000 | 15.0 | not up to rows 512 | rows 4000 |"), md);
        assertTrue(md.contains("| nd4jNaive | 50.000 | 30.0 | not up to rows 512 | never (30.0 ns/row > 2 x 10.0) |"),
                md);
        assertTrue(md.contains("| 512 | 5120.0 (10.0) |"), md);
    }

    @Test
    void codecRatioBytesAndAllocation(@TempDir Path dir) throws IOException {
        String p = "\"features\":\"16\",\"rows\":\"1\"";
        String bin = "\"messageBytes\":{\"score\":240,\"rawData\":[[80,80,80]]},"
                + "\"gc.alloc.rate.norm\":{\"score\":1,\"rawData\":[[8,8,8]]}";
        String js = "\"messageBytes\":{\"score\":639,\"rawData\":[[213,213,213]]},"
                + "\"gc.alloc.rate.norm\":{\"score\":1,\"rawData\":[[100,100,100]]}";
        String json = "[" + String.join(",",
                result("CodecBenchmark.binaryEncodeRequest", p, new double[] {20, 20, 20}, bin),
                result("CodecBenchmark.binaryDecodeRequest", p, new double[] {30, 30, 30}, bin),
                result("CodecBenchmark.jsonEncodeRequest", p, new double[] {400, 400, 400}, js),
                result("CodecBenchmark.jsonDecodeRequest", p, new double[] {600, 600, 600}, js)) + "]";
        Path file = dir.resolve("codec.json");
        Files.writeString(file, json);
        String md = MicrobenchSummary.summarise(JmhJson.read(file));
        // (400 + 600) / (20 + 30) = 20; bytes from the per-iteration values, not JMH's summed score
        assertTrue(md.contains("| 16 | 1 | 80 | 213 | 20.0 | 30.0 | 400.0 | 600.0 | 20.00 | 16 | 200 |"), md);
    }

    @Test
    void mergeConcatenatesAndCompareGivesRatios(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, "[" + inference("nd4jGemm", 1, 1000) + "]");
        Files.writeString(b, "[" + inference("nd4jGemm", 1, 250) + "]");
        Path merged = dir.resolve("merged.json");
        assertEquals(2, JmhJson.merge(List.of(a, b), merged));
        assertEquals(2, JmhJson.read(merged).size());
        LinkedHashMap<String, List<JmhRecord>> runs = new LinkedHashMap<>();
        runs.put("base", JmhJson.read(a));
        runs.put("omp1", JmhJson.read(b));
        String md = SettingsComparison.markdown(runs);
        assertTrue(md.contains("| InferenceBenchmark.nd4jGemm | features=16 outputs=1 rows=1 | 1000.0 | 250.0 (0.25x) |"),
                md);
    }

    @Test
    void roundsArePooledIntoOneMedian(@TempDir Path dir) throws IOException {
        Path r1 = dir.resolve("r1.json");
        Path r2 = dir.resolve("r2.json");
        String p = "\"features\":\"16\",\"outputs\":\"1\",\"rows\":\"1\"";
        Files.writeString(r1, "[" + result("InferenceBenchmark.nd4jGemm", p, new double[] {1, 2, 3}, "") + "]");
        Files.writeString(r2, "[" + result("InferenceBenchmark.nd4jGemm", p, new double[] {10, 20, 30}, "") + "]");
        List<JmhRecord> pooled = JmhJson.readPooled(List.of(r1, r2));
        assertEquals(1, pooled.size());
        assertEquals(6, pooled.get(0).iterations());
        assertEquals((3 + 10) / 2.0, pooled.get(0).medianNs(), 1e-9);
    }

    @Test
    void notJmhJsonIsAClearError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("env.json");
        Files.writeString(f, "{\"schema\":\"wsinfer.env/1\"}");
        IOException e = assertThrows(IOException.class, () -> JmhJson.read(f));
        assertTrue(e.getMessage().contains("not a JMH JSON result"), e.getMessage());
    }
}
