package org.wsinfer.reports.merge;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.reports.read.IntervalLog;
import org.wsinfer.reports.read.IntervalLogReader;
import org.wsinfer.reports.read.Json;
import org.wsinfer.reports.testutil.Cli;
import org.wsinfer.reports.testutil.SyntheticRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void startAndFinishAreTheEarliestAndLatestInstantsNotStrings() throws IOException {
        // a starts at a whole second ("...:58Z"), b half a second later in the same second ("...:58.500Z"):
        // as text "...:58.500Z" sorts before "...:58Z", as instants it is later
        Path a = new SyntheticRun().injector("a").seed(1).startMs(1_796_000_000_000L).intervals(3)
                .write(tmp.resolve("a"));
        Path b = new SyntheticRun().injector("b").seed(2).startMs(1_796_000_000_500L).intervals(3)
                .write(tmp.resolve("b"));
        Path out = tmp.resolve("merged-instants");
        assertEquals(0, Cli.run("merge", a.toString(), b.toString(), "--out", out.toString()).code());
        JsonNode s = Json.read(out.resolve("summary.json"));
        assertEquals(Json.read(a.resolve("summary.json")).path("startedAt").asText(), s.path("startedAt").asText());
        assertEquals(Json.read(b.resolve("summary.json")).path("finishedAt").asText(), s.path("finishedAt").asText());
    }

    @Test
    void mergesIntervalLogsExactlyAndSumsCounts() throws IOException {
        // injector b starts 1.5 s after a: the union keeps absolute timestamps
        Path a = new SyntheticRun().injector("a").seed(1).rateHz(500).startMs(1_796_000_000_000L).intervals(4)
                .write(tmp.resolve("a/driver/binary-f16-r500"));
        Path b = new SyntheticRun().injector("b").seed(2).rateHz(500).startMs(1_796_000_001_500L).intervals(5)
                .medianUs(140).errors(2).valid(false).write(tmp.resolve("b/driver/binary-f16-r500"));
        Path out = tmp.resolve("merged");
        Cli.Run r = Cli.run("merge", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("clock"), "offsets agree: " + r.err());

        IntervalLog la = IntervalLogReader.read(a.resolve("latency.hlog"));
        IntervalLog lb = IntervalLogReader.read(b.resolve("latency.hlog"));
        IntervalLog m = IntervalLogReader.read(out.resolve("latency.hlog"));
        assertEquals(la.intervals().size() + lb.intervals().size(), m.intervals().size());
        assertEquals(Set.of("corrected", "uncorrected", "server_queue", "server_compute"), m.tags());
        assertEquals(1_796_000_000_000L, m.firstStartMs());
        assertEquals(1_796_000_001_500L, m.intervals("corrected").stream()
                .filter(h -> h.getStartTimeStamp() % 1000 == 500).mapToLong(Histogram::getStartTimeStamp).min()
                .orElseThrow(), "b's intervals keep their own timestamps");
        Histogram expected = la.total("corrected");
        expected.add(lb.total("corrected"));
        Histogram merged = m.total("corrected");
        assertEquals(expected, merged, "the merged corrected histogram is the exact sum");

        JsonNode s = Json.read(out.resolve("summary.json"));
        JsonNode sa = Json.read(a.resolve("summary.json"));
        JsonNode sb = Json.read(b.resolve("summary.json"));
        assertEquals("wsinfer.drive.summary/1", s.path("schema").asText());
        for (String c : new String[]{"sent", "ok", "errors", "timeouts", "lost"}) {
            assertEquals(sa.path("counts").path(c).asLong() + sb.path("counts").path(c).asLong(),
                    s.path("counts").path(c).asLong(), c);
        }
        assertEquals(2, s.path("counts").path("errorsByCode").path("OVERLOADED").asLong());
        assertEquals(1000.0, s.path("rates").path("offeredHz").asDouble(), 1e-9);
        assertEquals(merged.getTotalCount(), s.path("latency").path("corrected").path("count").asLong());
        assertEquals(merged.getValueAtPercentile(99) / 1000.0,
                s.path("latency").path("corrected").path("p99Us").asDouble(), 1e-9);
        assertFalse(s.path("validity").path("valid").asBoolean(), "validity is the worst of the parts");
        assertTrue(s.path("validity").path("reasons").get(0).asText().startsWith("[b] "));
        assertEquals(2, s.path("injectors").size());
        assertEquals("a", s.path("injectors").get(0).path("injectorId").asText());
        assertTrue(Files.size(out.resolve("latency.hgrm")) > 0);

        // report and compare accept the merged folder like any run
        Path report = tmp.resolve("report");
        assertEquals(0, Cli.run("report", out.toString(), "--out", report.toString()).code());
        Document doc = Jsoup.parse(report.resolve("index.html").toFile(), "UTF-8");
        assertEquals(2, doc.select("table.injectors tbody tr").size());
        assertEquals(0, Cli.run("compare", out.toString(), out.toString(), "--out", tmp.resolve("c").toString())
                .code());
    }

    @Test
    void warnsWhenClockOffsetsDisagreeBeyondTheBound() throws IOException {
        Path a = new SyntheticRun().injector("a").clockOffsetMs(0).write(tmp.resolve("a"));
        Path b = new SyntheticRun().injector("b").seed(2).clockOffsetMs(1500).write(tmp.resolve("b"));
        Cli.Run r = Cli.run("merge", a.toString(), b.toString(), "--out", tmp.resolve("m1").toString());
        assertEquals(0, r.code());
        assertTrue(r.err().contains("clock offsets disagree by 1500.0 ms (bound 1000.0 ms)"), r.err());
        assertFalse(Json.read(tmp.resolve("m1/summary.json")).path("merge").path("clockWarning").isNull());
        r = Cli.run("merge", a.toString(), b.toString(), "--out", tmp.resolve("m2").toString(),
                "--max-clock-skew-ms", "2000");
        assertEquals(0, r.code());
        assertFalse(r.err().contains("clock"), r.err());
    }

    @Test
    void mergesResultsFoldersRunByRun() throws IOException {
        for (String inj : new String[]{"x", "y"}) {
            new SyntheticRun().injector(inj).framing("binary").rateHz(500).write(tmp.resolve(inj + "/driver/b"));
            new SyntheticRun().injector(inj).framing("text").rateHz(500).write(tmp.resolve(inj + "/driver/t"));
        }
        Path out = tmp.resolve("merged");
        assertEquals(0, Cli.run("merge", tmp.resolve("x").toString(), tmp.resolve("y").toString(), "--out",
                out.toString()).code());
        assertTrue(Files.isRegularFile(out.resolve("binary-f16-r500/summary.json")));
        assertTrue(Files.isRegularFile(out.resolve("text-f16-r500/summary.json")));
        assertEquals(2, Json.read(out.resolve("text-f16-r500/summary.json")).path("injectors").size());
    }

    @Test
    void badInputExitsTwo() throws IOException {
        Path a = new SyntheticRun().framing("binary").write(tmp.resolve("a"));
        Path b = new SyntheticRun().framing("text").write(tmp.resolve("b"));
        Cli.Run r = Cli.run("merge", a.toString(), b.toString(), "--out", tmp.resolve("m").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(b.resolve("summary.json").toString()), r.err());
        Files.delete(a.resolve("latency.hlog"));
        Path c = new SyntheticRun().framing("binary").write(tmp.resolve("c"));
        r = Cli.run("merge", a.toString(), c.toString(), "--out", tmp.resolve("m").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("latency.hlog"), r.err());
        assertEquals(2, Cli.run("merge", a.toString(), "--out", tmp.resolve("m").toString(),
                "--max-clock-skew-ms", "-1").code());
    }
}
