package org.wsinfer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.reports.cli.ReportsCli;
import org.wsinfer.server.ServerConfig;
import org.wsinfer.server.WsInferServer;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 §3 on one machine: three {@code drive} JVMs with one {@code --start-at} against one in-process server on
 * 127.0.0.1, merged with {@code reports merge} and reported with {@code reports report}: the merged counts are the
 * sums of the parts, its percentiles those of one histogram of every part's samples, and the page shows the
 * per-injector table.
 */
class ThreeInjectorsTest {
    static final int INJECTORS = 3;
    static final int RATE_HZ = 200;
    static final long WARMUP_MS = 1_000;
    static final long DURATION_MS = 3_000;
    static final long INTERVAL_MS = 1_000;
    /** From launch to the shared start: three JVMs start, probe the server, check clocks (~1 s) and connect. */
    static final long START_DELAY_MS = 10_000;
    /** The shared start as each log records it (StartTime, ms precision). */
    static final double START_AGREEMENT_MS = 100;
    /** How late a first interval may close on a loaded 2-core machine (ticker thread descheduled). */
    static final long TICK_SLACK_MS = 1_500;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void threeInjectorsWithASharedStartMergeIntoExactlyTheSumOfTheirParts() throws Exception {
        List<Path> parts = new ArrayList<>();
        Instant startAt;
        Map<String, Integer> exitCodes = new LinkedHashMap<>();
        Map<String, Long> marginsMs = new LinkedHashMap<>();
        try (WsInferServer server = WsInferServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .inferenceThreads(1).build())) {
            startAt = Instant.now().plusMillis(START_DELAY_MS).truncatedTo(ChronoUnit.MILLIS);
            List<InjectorJvm> jvms = new ArrayList<>();
            try {
                for (int i = 1; i <= INJECTORS; i++) {
                    String id = "inj-" + i;
                    Path out = tmp.resolve(id);
                    parts.add(out);
                    jvms.add(InjectorJvm.start(id, List.of("--url", server.wsUri().toString(),
                            "--rate", Integer.toString(RATE_HZ), "--duration", DURATION_MS + "ms",
                            "--warmup", WARMUP_MS + "ms", "--interval", INTERVAL_MS + "ms", "--connections", "2",
                            "--injector-id", id, "--start-at", startAt.toString(), "--min-duration", "1s",
                            "--min-requests", "100", "--quiet", "--out", out.toString()), tmp.resolve(id + ".log")));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                for (InjectorJvm jvm : jvms) {
                    int code = jvm.awaitExit(deadline);
                    exitCodes.put(jvm.id(), code);
                    marginsMs.put(jvm.id(), startAt.toEpochMilli() - jvm.waitingAtEpochMs());
                    // 0 valid, 1 finished but invalid (a loaded machine: send lag p99 > 1 ms); not 2, not still running
                    assertTrue(code == 0 || code == 1, jvm.id() + " exited with " + code + ":\n" + jvm.output());
                    assertFalse(jvm.output().contains("LEAK:"), jvm.id() + " leaked a buffer:\n" + jvm.output());
                }
            } finally {
                jvms.forEach(InjectorJvm::close);
            }
        }
        System.out.printf(Locale.US, "three injectors: exit codes %s, connected and waiting this long before the "
                + "shared start (ms) %s%n", exitCodes, marginsMs);

        // ---- the parts: their own files, the shared start, the clock check ----
        List<JsonNode> summaries = new ArrayList<>();
        Instant measuredStart = startAt.plusMillis(WARMUP_MS);
        List<Double> logStarts = new ArrayList<>();
        for (int i = 0; i < INJECTORS; i++) {
            Path part = parts.get(i);
            String id = "inj-" + (i + 1);
            for (String f : List.of("summary.json", "latency.hlog", "latency.hgrm")) {
                assertTrue(Files.isRegularFile(part.resolve(f)), id + ": missing " + f);
            }
            JsonNode s = JSON.readTree(part.resolve("summary.json").toFile());
            summaries.add(s);
            JsonNode lat = s.path("latency");
            System.out.printf(Locale.US, "%s: sent %d, valid %b %s; p50/p99 us: corrected %.0f/%.0f, uncorrected "
                            + "%.0f/%.0f, send lag %.0f/%.0f, server queue %.0f/%.0f%n", id,
                    s.path("counts").path("sent").asLong(), s.path("validity").path("valid").asBoolean(),
                    s.path("validity").path("reasons"),
                    lat.path("corrected").path("p50Us").asDouble(), lat.path("corrected").path("p99Us").asDouble(),
                    lat.path("uncorrected").path("p50Us").asDouble(), lat.path("uncorrected").path("p99Us").asDouble(),
                    lat.path("sendLag").path("p50Us").asDouble(), lat.path("sendLag").path("p99Us").asDouble(),
                    lat.path("serverQueue").path("p50Us").asDouble(), lat.path("serverQueue").path("p99Us").asDouble());
            assertEquals(id, s.path("injectorId").asText(), "injectorId of " + part);
            assertEquals(startAt, Instant.parse(s.path("startedAt").asText()), id + " startedAt");
            assertEquals(measuredStart, Instant.parse(s.path("measuredStartAt").asText()), id + " measuredStartAt");
            JsonNode c = s.path("counts");
            long sent = c.path("sent").asLong();
            assertTrue(sent >= 100, id + " sent " + sent);
            assertEquals(sent, c.path("ok").asLong() + c.path("errors").asLong() + c.path("timeouts").asLong()
                    + c.path("lost").asLong(), id + ": sent = ok + errors + timeouts + lost");
            assertTrue(c.path("ok").asLong() > 0, id + " has no answers");

            HlogTotals.TaggedLog log = HlogTotals.read(part.resolve("latency.hlog"), "corrected");
            logStarts.add(log.startTimeMs());
            assertFalse(log.intervals().isEmpty(), id + ": no corrected intervals");
            // the first interval closes one interval after the shared measured start: it ran then, not just said so
            long firstEndMs = log.intervals().get(0).getEndTimeStamp();
            long expectedEndMs = measuredStart.toEpochMilli() + INTERVAL_MS;
            assertTrue(firstEndMs >= expectedEndMs - 100 && firstEndMs <= expectedEndMs + TICK_SLACK_MS,
                    id + ": first interval ended at " + Instant.ofEpochMilli(firstEndMs) + ", expected about "
                            + Instant.ofEpochMilli(expectedEndMs));
            long logged = log.intervals().stream().mapToLong(Histogram::getTotalCount).sum();
            assertEquals(c.path("ok").asLong(), logged, id + ": every answer is in the log once");
            assertEquals(logged, s.path("latency").path("corrected").path("count").asLong(), id + " corrected count");

            // one machine, so the true offset is 0 and must lie inside the bound the Date-header check gives
            JsonNode clock = s.path("clock");
            assertTrue(clock.path("samples").asInt() > 0, id + ": no clock samples " + clock);
            double offsetMs = clock.path("offsetMs").asDouble(Double.NaN);
            double boundMs = clock.path("boundMs").asDouble(Double.NaN);
            assertTrue(Double.isFinite(offsetMs) && Double.isFinite(boundMs), id + ": clock " + clock);
            assertTrue(Math.abs(offsetMs) <= boundMs + 1.0, id + ": offset " + offsetMs + " outside +-" + boundMs);
        }
        double spreadMs = logStarts.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - logStarts.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(spreadMs <= START_AGREEMENT_MS, "log StartTimes differ by " + spreadMs + " ms: " + logStarts);
        assertEquals(measuredStart.toEpochMilli(), logStarts.get(0), 1.0, "log StartTime is the measured start");

        // ---- merge, in-process, through the reports command line ----
        Path merged = tmp.resolve("merged");
        List<String> mergeArgs = new ArrayList<>(List.of("merge"));
        parts.forEach(p -> mergeArgs.add(p.toString()));
        mergeArgs.addAll(List.of("--out", merged.toString()));
        Cli merge = Cli.run(mergeArgs);
        assertEquals(0, merge.exitCode(), merge.err());
        assertFalse(merge.err().contains("warning:"), "clocks on one machine agree: " + merge.err());

        JsonNode m = JSON.readTree(merged.resolve("summary.json").toFile());
        for (String count : List.of("sent", "ok", "errors", "timeouts", "lost", "connectionFailures", "warmupSent")) {
            long sum = summaries.stream().mapToLong(s -> s.path("counts").path(count).asLong()).sum();
            assertEquals(sum, m.path("counts").path(count).asLong(), "merged counts." + count);
        }
        assertEquals(INJECTORS * (double) RATE_HZ, m.path("rates").path("offeredHz").asDouble(), 1e-9, "offered");

        boolean allValid = summaries.stream().allMatch(s -> s.path("validity").path("valid").asBoolean());
        assertEquals(allValid, m.path("validity").path("valid").asBoolean(), "validity is the worst of the parts");
        List<String> expectedReasons = new ArrayList<>();
        for (JsonNode s : summaries) {
            s.path("validity").path("reasons").forEach(r -> expectedReasons.add("[" + s.path("injectorId").asText()
                    + "] " + r.asText()));
        }
        List<String> reasons = new ArrayList<>();
        m.path("validity").path("reasons").forEach(r -> reasons.add(r.asText()));
        assertEquals(expectedReasons, reasons, "every part's reasons, tagged with its injector");

        // one histogram of every part's corrected samples, read here with HdrHistogram's own reader
        Histogram all = HlogTotals.sum(parts.stream().map(p -> p.resolve("latency.hlog")).toList(), "corrected");
        assertEquals(m.path("counts").path("ok").asLong(), all.getTotalCount(), "samples = answers");
        JsonNode corrected = m.path("latency").path("corrected");
        assertEquals(all.getTotalCount(), corrected.path("count").asLong(), "merged corrected count");
        assertUs(all.getValueAtPercentile(50), corrected, "p50Us");
        assertUs(all.getValueAtPercentile(90), corrected, "p90Us");
        assertUs(all.getValueAtPercentile(99), corrected, "p99Us");
        assertUs(all.getValueAtPercentile(99.9), corrected, "p999Us");
        assertUs(all.getMaxValue(), corrected, "maxUs");
        // and the merged log holds exactly those samples
        Histogram mergedLog = HlogTotals.sum(List.of(merged.resolve("latency.hlog")), "corrected");
        assertEquals(all.getTotalCount(), mergedLog.getTotalCount(), "merged log count");
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            assertEquals(all.getValueAtPercentile(p), mergedLog.getValueAtPercentile(p), "merged log p" + p);
        }

        JsonNode injectors = m.path("injectors");
        assertEquals(INJECTORS, injectors.size(), "per-injector table: " + injectors);
        for (int i = 0; i < INJECTORS; i++) {
            JsonNode row = injectors.get(i);
            JsonNode s = summaries.stream().filter(x -> x.path("injectorId").asText()
                    .equals(row.path("injectorId").asText())).findFirst().orElse(null);
            assertNotNull(s, "table row of an unknown injector: " + row);
            assertEquals(s.path("counts").path("sent").asLong(), row.path("sent").asLong(), "row sent " + row);
            assertEquals(s.path("counts").path("ok").asLong(), row.path("ok").asLong(), "row ok " + row);
            assertEquals(s.path("validity").path("valid").asBoolean(), row.path("valid").asBoolean(), "row valid");
        }
        assertTrue(m.path("merge").path("clockWarning").isNull(), "no clock warning: " + m.path("merge"));

        // ---- report, in-process, on the merged folder ----
        Path reportDir = tmp.resolve("report");
        Cli report = Cli.run(List.of("report", merged.toString(), "--out", reportDir.toString()));
        assertEquals(0, report.exitCode(), report.err());
        Document page = Jsoup.parse(reportDir.resolve("index.html").toFile(), "UTF-8");
        assertNotNull(page.getElementById("injectors"), "no 'Merged injectors' section");
        Elements tables = page.select("table.injectors");
        assertEquals(1, tables.size(), "one per-injector table");
        Elements rows = tables.get(0).select("tbody > tr");
        assertEquals(INJECTORS, rows.size(), "one row per injector");
        Set<String> ids = new HashSet<>();
        for (Element row : rows) {
            Elements cells = row.select("td");
            String id = cells.get(0).text();
            ids.add(id);
            JsonNode s = summaries.stream().filter(x -> x.path("injectorId").asText().equals(id)).findFirst()
                    .orElse(null);
            assertNotNull(s, "page row of an unknown injector " + id);
            assertEquals(String.format(Locale.US, "%,d", s.path("counts").path("sent").asLong()), cells.get(2).text(),
                    id + " sent on the page");
            assertEquals(s.path("validity").path("valid").asBoolean() ? "valid" : "invalid",
                    cells.get(cells.size() - 1).text(), id + " validity on the page");
        }
        assertEquals(Set.of("inj-1", "inj-2", "inj-3"), ids);
        System.out.printf(Locale.US, "merged: sent %d, ok %d, valid %b, corrected p50 %.1f us, p99 %.1f us, "
                        + "max %.1f us%n", m.path("counts").path("sent").asLong(), m.path("counts").path("ok").asLong(),
                m.path("validity").path("valid").asBoolean(), corrected.path("p50Us").asDouble(),
                corrected.path("p99Us").asDouble(), corrected.path("maxUs").asDouble());
    }

    @Test
    void theGuidesCommandLinesParseWithTheToolsOwnCommands() throws Exception {
        Path guide = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
                .resolve("../docs/BEYOND-ONE-MACHINE.md").normalize();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("$((TOTAL / N))", "2000");
        vars.put("$START", "2026-12-04T10:00:00Z");
        vars.put("$i", "0");
        Set<String> seen = new HashSet<>();
        for (GuideCommands.Command c : GuideCommands.in(Files.readString(guide, StandardCharsets.UTF_8), vars)) {
            CommandLine.ParseResult parsed = switch (c.tool()) {
                case "server" -> parse(new CommandLine(new org.wsinfer.server.Main()), c.args());
                case "loadtest" -> parse(loadtestCommandLine(), c.args());
                default -> parse(ReportsCli.commandLine(NOWHERE, NOWHERE, Clock.systemUTC()), c.args());
            };
            String sub = parsed.subcommand().commandSpec().name();
            seen.add(c.tool() + " " + sub);
            if (sub.equals("drive")) {
                CommandLine.ParseResult d = parsed.subcommand();
                assertEquals("inj-0", d.matchedOptionValue("--injector-id", ""), "drive --injector-id in " + c);
                assertEquals(List.of("2000"), d.matchedOption("--rate").stringValues(), "per-injector rate " + c);
                assertTrue(d.hasMatchedOption("--start-at"), "drive without --start-at: " + c);
            }
        }
        assertEquals(Set.of("server serve", "loadtest drive", "reports merge", "reports report"), seen,
                "the guide's commands (" + guide + ")");
    }

    static final PrintWriter NOWHERE = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    /** The loadtest command line as its Main builds it (its subcommands have no public constructors). */
    static CommandLine loadtestCommandLine() throws Exception {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Class<?> main = Class.forName("org.wsinfer.loadtest.cli.Main");
        Constructor<?> mainCtor = main.getDeclaredConstructor();
        mainCtor.setAccessible(true);
        CommandLine cl = new CommandLine(mainCtor.newInstance());
        Constructor<?> drive = Class.forName("org.wsinfer.loadtest.cli.DriveCommand")
                .getDeclaredConstructor(PrintStream.class, PrintStream.class);
        drive.setAccessible(true);
        cl.addSubcommand(drive.newInstance(none, none));
        return cl;
    }

    static CommandLine.ParseResult parse(CommandLine cl, List<String> args) {
        try {
            return cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(cl.getCommandName() + " does not accept " + args + ": " + e.getMessage(), e);
        }
    }

    /** The summary field (µs) equals the histogram's value (ns) converted as the merge does. */
    static void assertUs(long valueNs, JsonNode stats, String field) {
        assertEquals(valueNs / 1000.0, stats.path(field).asDouble(Double.NaN), 1e-9, "merged corrected." + field);
    }

    /** One in-process run of the reports command line. */
    record Cli(int exitCode, String out, String err) {
        static Cli run(List<String> args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = ReportsCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
                    Clock.systemUTC()).execute(args.toArray(String[]::new));
            return new Cli(code, out.toString(), err.toString());
        }
    }
}
