package org.wsinfer.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.reports.read.Json;
import org.wsinfer.reports.testutil.Cli;
import org.wsinfer.reports.testutil.JmhFixture;
import org.wsinfer.reports.testutil.SyntheticRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {

    @TempDir
    Path tmp;

    private Path results(String name, SyntheticRun... runs) throws IOException {
        Path dir = tmp.resolve(name);
        for (int i = 0; i < runs.length; i++) {
            runs[i].write(dir.resolve("driver").resolve("run-" + i));
        }
        return dir;
    }

    private static JsonNode metric(Path out, String metric) {
        for (JsonNode m : Json.read(out.resolve("compare.json")).path("metrics")) {
            if (m.path("metric").asText().equals(metric)) {
                return m;
            }
        }
        throw new AssertionError("no metric " + metric);
    }

    @Test
    void runAgainstItselfPasses() throws IOException {
        Path base = results("base", new SyntheticRun().seed(1), new SyntheticRun().framing("text").seed(2));
        Path out = tmp.resolve("out");
        Cli.Run r = Cli.run("compare", base.toString(), base.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(Files.readString(out.resolve("compare.md")).contains("PASS"));
        JsonNode json = Json.read(out.resolve("compare.json"));
        assertEquals("PASS", json.path("verdict").asText());
        assertEquals(0, json.path("regressions").asInt());
        Document junit = Jsoup.parse(Files.readString(out.resolve("compare-junit.xml")), "", Parser.xmlParser());
        assertEquals("0", junit.selectFirst("testsuite").attr("failures"));
        assertTrue(junit.select("testcase").size() >= 10, "one test case per checked metric");
    }

    @Test
    void binaryBaselineAgainstTextCandidateFails() throws IOException {
        Path base = results("bin", new SyntheticRun().framing("binary").medianUs(100).bytes(86, 38));
        Path cand = results("txt", new SyntheticRun().framing("text").medianUs(150).bytes(190, 70).seed(7));
        Path out = tmp.resolve("out");
        Cli.Run r = Cli.run("compare", base.toString(), cand.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.err() + r.out());
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.contains("REGRESSION"), md);
        assertTrue(md.contains("Framing differs"), md);
        assertEquals("REGRESSION", metric(out, "p99Us").path("verdict").asText());
        assertEquals("REGRESSION", metric(out, "requestWireBytes").path("verdict").asText());
        Document junit = Jsoup.parse(Files.readString(out.resolve("compare-junit.xml")), "", Parser.xmlParser());
        assertTrue(Integer.parseInt(junit.selectFirst("testsuite").attr("failures")) >= 2);
        assertFalse(junit.select("testcase[name=p99Us] failure").isEmpty());
    }

    @Test
    void changeInsideTheSpreadOfRepeatsIsNoise() throws IOException {
        // the same candidate: a regression against one baseline run, noise against three repeats spanning it
        Path cand = results("cand", new SyntheticRun().medianUs(113).seed(11));
        Path single = results("single", new SyntheticRun().medianUs(100).seed(1));
        Path repeats = results("repeats", new SyntheticRun().medianUs(100).seed(1),
                new SyntheticRun().medianUs(110).seed(2), new SyntheticRun().medianUs(93).seed(3));
        Path out1 = tmp.resolve("out1");
        assertEquals(1, Cli.run("compare", single.toString(), cand.toString(), "--out", out1.toString()).code());
        assertEquals("REGRESSION", metric(out1, "p50Us").path("verdict").asText());
        Path out2 = tmp.resolve("out2");
        Cli.Run r = Cli.run("compare", repeats.toString(), cand.toString(), "--out", out2.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("PASS", metric(out2, "p50Us").path("verdict").asText());
        assertEquals(3, metric(out2, "p50Us").path("baseline").path("n").asInt());
    }

    @Test
    void realLatencyRegressionBeyondRepeatsIsFlagged() throws IOException {
        Path base = results("base", new SyntheticRun().medianUs(100).seed(1), new SyntheticRun().medianUs(104).seed(2));
        Path cand = results("cand", new SyntheticRun().medianUs(150).seed(3), new SyntheticRun().medianUs(155).seed(4));
        Path out = tmp.resolve("out");
        Cli.Run r = Cli.run("compare", base.toString(), cand.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("REGRESSION"), r.out());
        assertEquals("REGRESSION", metric(out, "p99Us").path("verdict").asText());
        assertEquals("PASS", metric(out, "requestWireBytes").path("verdict").asText());
    }

    @Test
    void thresholdsCanBeLoosened() throws IOException {
        Path base = results("base", new SyntheticRun().medianUs(100).seed(1));
        Path cand = results("cand", new SyntheticRun().medianUs(130).seed(3));
        Path out = tmp.resolve("out");
        assertEquals(1, Cli.run("compare", base.toString(), cand.toString(), "--out", out.toString()).code());
        assertEquals(0, Cli.run("compare", base.toString(), cand.toString(), "--out", out.toString(),
                "--max-regress", "p50=50%,p99=50%").code());
    }

    @Test
    void errorsWhereTheBaselineHadNoneRegress() throws IOException {
        Path base = results("base", new SyntheticRun().seed(1));
        Path cand = results("cand", new SyntheticRun().seed(1).errors(3));
        Path out = tmp.resolve("out");
        assertEquals(1, Cli.run("compare", base.toString(), cand.toString(), "--out", out.toString()).code());
        assertEquals("REGRESSION", metric(out, "errors+timeouts").path("verdict").asText());
    }

    @Test
    void jmhUsesErrorIntervalsAndUnitDirection() throws IOException {
        Path base = tmp.resolve("base");
        new JmhFixture()
                .add("x.CodecBenchmark.binaryEncodeRequest", "avgt", "ns/op", 100, 8)
                .add("x.CodecBenchmark.jsonEncodeRequest", "avgt", "ns/op", 400, 10)
                .add("x.PipelineBenchmark.binary", "thrpt", "ops/s", 1000, 20)
                .write(base);
        Path cand = tmp.resolve("cand");
        new JmhFixture()
                .add("x.CodecBenchmark.binaryEncodeRequest", "avgt", "ns/op", 110, 8)   // +10% but overlapping
                .add("x.CodecBenchmark.jsonEncodeRequest", "avgt", "ns/op", 480, 10)    // +20%, apart: regression
                .add("x.PipelineBenchmark.binary", "thrpt", "ops/s", 1300, 20)          // higher ops/s: improved
                .write(cand);
        Path out = tmp.resolve("out");
        Cli.Run r = Cli.run("compare", base.toString(), cand.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode metrics = Json.read(out.resolve("compare.json")).path("metrics");
        assertEquals("PASS", metrics.get(0).path("verdict").asText());
        assertEquals("REGRESSION", metrics.get(1).path("verdict").asText());
        assertEquals("IMPROVED", metrics.get(2).path("verdict").asText());
    }

    @Test
    void badInputExitsTwoNamingTheFile() throws IOException {
        Path base = results("base", new SyntheticRun());
        Path out = tmp.resolve("out");
        Path missing = tmp.resolve("nope");
        Cli.Run r = Cli.run("compare", base.toString(), missing.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(missing.toString()), r.err());

        Path broken = tmp.resolve("broken/driver/run-0");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("summary.json"), "{\"schema\": \"wsinfer.drive.summary/1\", \"config\": ");
        r = Cli.run("compare", base.toString(), tmp.resolve("broken").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(broken.resolve("summary.json").toString()), r.err());

        r = Cli.run("compare", base.toString(), base.toString(), "--out", out.toString(), "--max-regress", "p77=5%");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("p77"), r.err());

        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        assertEquals(2, Cli.run("compare", base.toString(), empty.toString(), "--out", out.toString()).code());
        assertEquals(2, Cli.run("compare", base.toString()).code(), "missing CANDIDATE and --out is a usage error");
    }
}
