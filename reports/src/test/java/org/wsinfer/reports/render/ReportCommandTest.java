package org.wsinfer.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.reports.read.Json;
import org.wsinfer.reports.testutil.Cli;
import org.wsinfer.reports.testutil.Fixtures;
import org.wsinfer.reports.testutil.SampleResults;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {

    @TempDir
    Path tmp;

    private static List<String> series(JsonNode report, String section) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : report.path("plots")) {
            if (p.path("section").asText().equals(section)) {
                p.path("series").forEach(s -> out.add(s.asText()));
            }
        }
        return out;
    }

    @Test
    void reportAnswersBinaryOrTextAndEveryPlotIsAValidImage() throws IOException {
        Path results = SampleResults.write(tmp.resolve("results"));
        Fixtures.copy("results-real/gatling", results.resolve("gatling"));
        Path out = tmp.resolve("report");
        Cli.Run r = Cli.run("report", results.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());

        Document doc = Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8");
        String answers = doc.select("#answers").text();
        // computed from the sample: text latency 1.6x binary, capacities 8000 vs 4000 req/s, 292 vs 86 bytes
        assertTrue(answers.contains("Binary p99 is 0.62x text at 16 features (median over 3 matched rates)"), answers);
        assertTrue(answers.contains("2.00x the capacity"), answers);
        assertTrue(answers.contains("3.40x fewer bytes per request"), answers);
        assertTrue(answers.contains("p99 < 2 ms: binary 8,000 req/s, text 4,000 req/s"), answers);

        List<Element> imgs = doc.select("img");
        assertTrue(imgs.size() >= 10, "plots: " + imgs.size());
        for (Element img : imgs) {
            String src = img.attr("src");
            assertFalse(src.startsWith("http") || src.startsWith("//"), "self-contained: " + src);
            Path file = out.resolve(src);
            assertTrue(Files.isRegularFile(file), "missing plot " + src);
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, src + " is not a readable image");
            assertTrue(image.getWidth() >= 600 && image.getHeight() >= 300, src + " too small");
        }
        assertTrue(doc.select("link[href], script[src]").isEmpty(), "no external resources");

        Element runs = doc.selectFirst("table.runs");
        assertNotNull(runs);
        assertEquals(6, runs.select("tbody tr").size());
        assertTrue(runs.select("thead th").text().contains("p99.9 (µs)"));
        assertEquals(2, doc.select("table.capacity tbody tr").size());
        assertTrue(doc.select("table.jmh tbody tr").size() >= 6);
        assertTrue(doc.select("table.gatling").text().contains("All Requests"));
        assertTrue(doc.select("table.environment tbody tr").size() >= 7, "env.json and every run's environment");

        JsonNode report = Json.read(out.resolve("report.json"));
        assertEquals(6, series(report, "spectrum").size());
        assertTrue(series(report, "spectrum").contains("binary f16 r1000 c4"));
        assertTrue(series(report, "capacity").containsAll(List.of("binary p50", "binary p99", "binary p99.9",
                "text p50", "text p99", "text p99.9")), series(report, "capacity").toString());
        assertEquals(List.of("p50", "p99", "max"), series(report, "timeline").subList(0, 3));
        assertTrue(series(report, "jmh").containsAll(List.of("binary", "text")));
        assertEquals(2.0, report.path("headline").path("figures").path("binaryOverTextCapacity").asDouble(), 1e-9);
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("Binary p99 is"), md);
        assertTrue(md.contains("| binary f16 r500 c4 | 2 |"), md);
    }

    @Test
    void regressionVerdictOfAComparisonInTheFolderIsShown() throws IOException {
        Path results = SampleResults.write(tmp.resolve("results"));
        assertEquals(0, Cli.run("compare", results.toString(), results.toString(), "--out",
                results.resolve("compare").toString()).code());
        Path out = tmp.resolve("report");
        assertEquals(0, Cli.run("report", results.toString(), "--out", out.toString()).code());
        Document doc = Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8");
        String verdict = doc.select(".answer.verdict").text();
        assertTrue(verdict.contains("Regression check: PASS"), verdict);
    }

    @Test
    void emptyOrMissingFoldersExitTwo() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli.Run r = Cli.run("report", empty.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no results"), r.err());
        r = Cli.run("report", tmp.resolve("missing").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(tmp.resolve("missing").toString()), r.err());
        assertEquals(2, Cli.run("report", empty.toString()).code(), "--out is required");
    }
}
