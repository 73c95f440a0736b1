package org.wsinfer.reports.read;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.wsinfer.reports.analysis.RunGroup;
import org.wsinfer.reports.analysis.RunGrouper;
import org.wsinfer.reports.model.CapacityResult;
import org.wsinfer.reports.model.DriveRun;
import org.wsinfer.reports.testutil.Fixtures;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden inputs made by real short runs of the driver against the reference server (see docs/REPORTS.md). */
class DriveFixtureTest {

    private static final Path REAL = Fixtures.path("results-real");

    @Test
    void realSummaryReadsWithTheDocumentedFields() {
        DriveRun run = SummaryReader.read(REAL.resolve("driver/binary-f16-r500-rep1"));
        assertEquals("binary", run.key().framing());
        assertEquals(16, run.key().features());
        assertEquals(500.0, run.key().offeredHz());
        assertEquals(4, run.key().connections());
        var c = run.counts();
        assertEquals(c.sent(), c.ok() + c.errors() + c.timeouts() + c.lost(), "sent = ok + errors + timeouts + lost");
        assertTrue(run.corrected().p99Us() >= run.corrected().p50Us());
        assertTrue(run.bytes().requestWireBytes() > run.bytes().requestPayloadBytes());
        assertNotNull(run.intervalLog());
        assertFalse(run.environment().path("javaVersion").asText().isEmpty());
    }

    @Test
    void realIntervalLogHasTheFourTagsAndMatchesTheSummary() {
        for (String dir : List.of("binary-f16-r500-rep1", "text-f16-r2000-rep2")) {
            DriveRun run = SummaryReader.read(REAL.resolve("driver").resolve(dir));
            IntervalLog log = IntervalLogReader.read(run.intervalLog());
            assertEquals(Set.of("corrected", "uncorrected", "server_queue", "server_compute"), log.tags());
            Histogram corrected = log.total(IntervalLog.CORRECTED);
            assertEquals(run.corrected().count(), corrected.getTotalCount(), dir);
            assertEquals(run.corrected().p99Us(), corrected.getValueAtPercentile(99) / 1000.0,
                    run.corrected().p99Us() * 0.01, dir + ": p99 from the log agrees with summary.json");
            assertTrue(log.intervals(IntervalLog.CORRECTED).size() >= 4, "one interval per second of 5 s");
        }
    }

    @Test
    void repeatsGroupByKeyNotFolderName() {
        Results r = ResultsScanner.scan(List.of(REAL));
        List<RunGroup> groups = RunGrouper.group(r.runs());
        // driver/ holds binary and text at 500 and 2000 req/s (2000 twice) against one server; sweep/ has 500, 1000
        // and 2000 of each against the sweep's own server: another url, so another key (RESULTS.md)
        assertEquals(10, groups.size());
        assertEquals(12, r.runs().size(), "capacity steps are not counted as drive runs");
        assertEquals(2, groups.stream().filter(g -> g.repeats() == 2).count());
        assertEquals(10, groups.stream().map(RunGroup::label).distinct().count(), "labels tell the servers apart");
        assertTrue(groups.stream().anyMatch(g -> g.label().equals("binary f16 r500 c4 @127.0.0.1:18091")),
                groups.stream().map(RunGroup::label).toList().toString());
        assertEquals(6, r.sweeps().size());
        assertEquals(2, r.capacities().size());
        assertEquals(1, r.gatling().size());
        assertEquals(8, r.jmh().size());
        assertEquals(1, r.envs().size());
    }

    @Test
    void realCapacitySearch() {
        CapacityResult c = CapacityReader.read(REAL.resolve("capacity/binary-f16/capacity.json"));
        assertEquals("binary", c.framing());
        assertEquals(2000.0, c.sloP99Us());
        assertFalse(c.steps().isEmpty());
        for (var s : c.steps()) {
            assertEquals(s.passed(), s.valid() && s.errors() == 0 && s.timeouts() == 0 && s.p99Us() < c.sloP99Us(),
                    "a step passes when valid, without errors or timeouts, under the SLO");
        }
    }
}
