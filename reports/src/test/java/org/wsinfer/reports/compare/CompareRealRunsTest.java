package org.wsinfer.reports.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.reports.testutil.Cli;
import org.wsinfer.reports.testutil.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptance checks on the real golden runs. */
class CompareRealRunsTest {

    @Test
    void realRunAgainstItselfPasses(@TempDir Path tmp) {
        Path real = Fixtures.path("results-real");
        Cli.Run r = Cli.run("compare", real.toString(), real.toString(), "--out", tmp.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        java.util.Set<String> groups = new java.util.HashSet<>();
        org.wsinfer.reports.read.Json.read(tmp.resolve("compare.json")).path("metrics")
                .forEach(m -> groups.add(m.path("group").asText()));
        assertTrue(groups.contains("gatling PredictSimulation"), groups.toString());
        assertTrue(groups.contains("capacity binary f16"), groups.toString());
        assertTrue(groups.stream().anyMatch(g -> g.startsWith("jmh CodecBenchmark.binaryEncodeRequest [avgt]")),
                groups.toString());
    }

    @Test
    void realBinaryBaselineAgainstTextCandidateFailsReadably(@TempDir Path tmp) throws IOException {
        Path base = tmp.resolve("binary");
        Path cand = tmp.resolve("text");
        for (String rate : new String[]{"r500-rep1", "r2000-rep1", "r2000-rep2"}) {
            Fixtures.copy("results-real/driver/binary-f16-" + rate, base.resolve("driver/binary-f16-" + rate));
            Fixtures.copy("results-real/driver/text-f16-" + rate, cand.resolve("driver/text-f16-" + rate));
        }
        Path out = tmp.resolve("out");
        Cli.Run r = Cli.run("compare", base.toString(), cand.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.startsWith("## wsinfer compare: ❌ REGRESSION"), md);
        assertTrue(md.contains("Framing differs: baseline runs are all binary, candidate runs all text"), md);
        assertTrue(md.contains("binary f16 r500 c4 → text — requestWireBytes"), md);
        assertTrue(md.contains("| group | metric | baseline | candidate | change | threshold | verdict |"), md);
    }
}
