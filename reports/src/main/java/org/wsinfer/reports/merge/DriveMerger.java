package org.wsinfer.reports.merge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.wsinfer.reports.model.DriveRun;
import org.wsinfer.reports.model.RunKey;
import org.wsinfer.reports.read.InputException;
import org.wsinfer.reports.read.IntervalLog;
import org.wsinfer.reports.read.IntervalLogReader;
import org.wsinfer.reports.read.Json;
import org.wsinfer.reports.read.SummaryReader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Merges the drive folders of several load generators into one drive folder: every interval histogram of every
 * part is kept as it is (tags kept, absolute timestamps from each log's own start time), so totals are exact sums;
 * the latency figures of the merged summary.json are computed from the added histograms; counts and rates are
 * summed; validity is the worst of the parts; a per-injector table is kept under {@code injectors}.
 */
public final class DriveMerger {

    private static final String[][] TAGS = {{IntervalLog.CORRECTED, DriveRun.CORRECTED},
            {IntervalLog.UNCORRECTED, DriveRun.UNCORRECTED}, {IntervalLog.SERVER_QUEUE, DriveRun.SERVER_QUEUE},
            {IntervalLog.SERVER_COMPUTE, DriveRun.SERVER_COMPUTE}};

    private DriveMerger() {
    }

    /** Merges. Inputs that are all drive folders form one run; otherwise drive folders are grouped by key. */
    public static MergeResult merge(MergeConfig config) {
        List<String> warnings = new ArrayList<>();
        boolean allDrive = config.inputs().stream().allMatch(p -> Files.isRegularFile(p.resolve(SummaryReader.FILE)));
        List<Path> merged = new ArrayList<>();
        if (allDrive) {
            List<DriveRun> parts = config.inputs().stream().map(SummaryReader::read).toList();
            checkSameWorkload(parts);
            merged.add(mergeInto(parts, config.outDir(), config.maxClockSkewMs(), warnings));
        } else {
            Map<RunKey, List<DriveRun>> byKey = new LinkedHashMap<>();
            for (Path input : config.inputs()) {
                for (Path dir : driveDirs(input)) {
                    DriveRun run = SummaryReader.read(dir);
                    byKey.computeIfAbsent(run.key().portable(), k -> new ArrayList<>()).add(run);
                }
            }
            if (byKey.isEmpty()) {
                throw new InputException(config.inputs().get(0), "no drive folders (summary.json) found to merge");
            }
            for (Map.Entry<RunKey, List<DriveRun>> e : byKey.entrySet()) {
                if (e.getValue().size() != config.inputs().size()) {
                    warnings.add(e.getKey().label() + ": " + e.getValue().size() + " parts for "
                            + config.inputs().size() + " inputs");
                }
                Path out = byKey.size() == 1 ? config.outDir() : config.outDir().resolve(e.getKey().slug());
                merged.add(mergeInto(e.getValue(), out, config.maxClockSkewMs(), warnings));
            }
        }
        return new MergeResult(merged, warnings);
    }

    private static List<Path> driveDirs(Path input) {
        if (!Files.isDirectory(input)) {
            throw new InputException(input, "not a folder");
        }
        try (Stream<Path> walk = Files.walk(input, 8)) {
            return walk.filter(p -> p.getFileName().toString().equals(SummaryReader.FILE)).map(Path::getParent)
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(input, "cannot walk", e);
        }
    }

    private static void checkSameWorkload(List<DriveRun> parts) {
        RunKey first = parts.get(0).key();
        for (DriveRun p : parts) {
            RunKey k = p.key();
            if (!k.framing().equals(first.framing()) || k.features() != first.features() || k.rows() != first.rows()) {
                throw new InputException(p.dir().resolve(SummaryReader.FILE), "workload " + k.label()
                        + " differs from " + first.label() + " of " + parts.get(0).dir()
                        + ": only parts of one load (same framing, features, rows) can be merged");
            }
        }
    }

    private static Path mergeInto(List<DriveRun> parts, Path out, double maxSkewMs, List<String> warnings) {
        List<IntervalLog> logs = new ArrayList<>();
        for (DriveRun p : parts) {
            if (p.intervalLog() == null) {
                throw new InputException(p.dir().resolve(SummaryReader.HLOG),
                        "missing: merge adds the interval histograms and needs every part's latency.hlog");
            }
            logs.add(IntervalLogReader.read(p.intervalLog()));
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        Map<String, Histogram> totals = writeLog(parts, logs, out.resolve(SummaryReader.HLOG));
        writeHgrm(totals.get(IntervalLog.CORRECTED), out.resolve("latency.hgrm"));
        double[] offsets = parts.stream().mapToDouble(DriveRun::clockOffsetMs).filter(Double::isFinite).toArray();
        double spread = offsets.length < 2 ? 0 : java.util.Arrays.stream(offsets).max().getAsDouble()
                - java.util.Arrays.stream(offsets).min().getAsDouble();
        String clockWarning = null;
        if (spread > maxSkewMs) {
            clockWarning = String.format(Locale.US, "%s: injectors' clock offsets disagree by %.1f ms (bound %.1f ms);"
                    + " interval timestamps of different injectors may be misaligned by that much", out, spread,
                    maxSkewMs);
            warnings.add(clockWarning);
        }
        ObjectNode summary = summary(parts, logs, totals, spread, maxSkewMs, clockWarning);
        try {
            Json.MAPPER.writeValue(out.resolve(SummaryReader.FILE).toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(SummaryReader.FILE), e);
        }
        return out;
    }

    private static Map<String, Histogram> writeLog(List<DriveRun> parts, List<IntervalLog> logs, Path file) {
        List<Histogram> all = new ArrayList<>();
        logs.forEach(l -> all.addAll(l.intervals()));
        all.sort(Comparator.comparingLong(Histogram::getStartTimeStamp));
        long start = Long.MAX_VALUE;
        for (IntervalLog l : logs) {
            long s = Double.isFinite(l.startTimeMs()) ? (long) l.startTimeMs() : l.firstStartMs();
            start = Math.min(start, s);
        }
        Map<String, Histogram> totals = new TreeMap<>();
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputComment("merged by wsinfer-reports from " + parts.size() + " injectors: "
                    + String.join(", ", parts.stream().map(p -> p.injectorId() + "=" + p.dir()).toList()));
            w.outputLogFormatVersion();
            w.outputStartTime(start);
            w.setBaseTime(start);
            w.outputBaseTime(start);
            w.outputLegend();
            for (Histogram h : all) {
                w.outputIntervalHistogram(h);
                String tag = IntervalLog.tagOf(h);
                totals.computeIfAbsent(tag, t -> new Histogram(h.getNumberOfSignificantValueDigits())).add(h);
            }
            ps.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        totals.computeIfAbsent(IntervalLog.CORRECTED, t -> new Histogram(3));
        return totals;
    }

    private static void writeHgrm(Histogram corrected, Path file) {
        try (PrintStream ps = new PrintStream(file.toFile(), StandardCharsets.UTF_8)) {
            if (corrected.getTotalCount() > 0) {
                corrected.outputPercentileDistribution(ps, 1000.0);
            }
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static ObjectNode summary(List<DriveRun> parts, List<IntervalLog> logs, Map<String, Histogram> totals,
                                      double offsetSpreadMs, double maxSkewMs, String clockWarning) {
        DriveRun first = parts.get(0);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema", "wsinfer.drive.summary/1");
        root.put("injectorId", "merged");
        // as instants, not text: "10:00:00Z" and "10:00:00.500Z" do not sort as strings
        Comparator<String> byInstant = Comparator.comparing(Instant::parse);
        root.put("startedAt", parts.stream().map(DriveRun::startedAt).filter(s -> !s.isEmpty()).min(byInstant)
                .orElse(""));
        root.put("finishedAt", parts.stream().map(p -> finishedAt(p)).filter(s -> !s.isEmpty()).max(byInstant)
                .orElse(""));
        ObjectNode config = first.config().deepCopy();
        double offered = parts.stream().mapToDouble(p -> p.rates().offeredHz()).sum();
        config.put("rateHz", offered);
        config.put("connections", parts.stream().mapToInt(p -> p.key().connections()).sum());
        ArrayNode from = config.putArray("mergedFrom");
        parts.forEach(p -> from.add(p.dir().toString()));
        root.set("config", config);
        root.set("environment", first.environment().deepCopy());
        ObjectNode counts = root.putObject("counts");
        counts.put("sent", parts.stream().mapToLong(p -> p.counts().sent()).sum());
        counts.put("ok", parts.stream().mapToLong(p -> p.counts().ok()).sum());
        counts.put("errors", parts.stream().mapToLong(p -> p.counts().errors()).sum());
        ObjectNode byCode = counts.putObject("errorsByCode");
        Map<String, Long> codes = new TreeMap<>();
        parts.forEach(p -> p.counts().errorsByCode().forEach((k, v) -> codes.merge(k, v, Long::sum)));
        codes.forEach(byCode::put);
        counts.put("timeouts", parts.stream().mapToLong(p -> p.counts().timeouts()).sum());
        counts.put("lost", parts.stream().mapToLong(p -> p.counts().lost()).sum());
        counts.put("connectionFailures", parts.stream().mapToLong(p -> p.counts().connectionFailures()).sum());
        counts.put("warmupSent", parts.stream().mapToLong(p -> p.counts().warmupSent()).sum());
        root.put("measuredDurationMs", parts.stream().mapToLong(DriveRun::measuredDurationMs).max().orElse(0));
        ObjectNode rates = root.putObject("rates");
        rates.put("offeredHz", offered);
        rates.put("achievedSendHz", parts.stream().mapToDouble(p -> p.rates().achievedSendHz()).sum());
        rates.put("answeredHz", parts.stream().mapToDouble(p -> p.rates().answeredHz()).sum());
        ObjectNode latency = root.putObject("latency");
        for (String[] t : TAGS) {
            Histogram h = totals.get(t[0]);
            if (h != null) {
                latency.set(t[1], HistogramStats.of(h));
            }
        }
        latency.set(DriveRun.SEND_LAG, sendLagUpperBound(parts));
        ObjectNode bytes = root.putObject("bytes");
        bytes.put("requestPayloadBytes", weighted(parts, true, p -> p.bytes().requestPayloadBytes()));
        bytes.put("requestWireBytes", weighted(parts, true, p -> p.bytes().requestWireBytes()));
        bytes.put("answerPayloadBytes", weighted(parts, false, p -> p.bytes().answerPayloadBytes()));
        bytes.put("answerWireBytes", weighted(parts, false, p -> p.bytes().answerWireBytes()));
        ObjectNode validity = root.putObject("validity");
        validity.put("valid", parts.stream().allMatch(p -> p.validity().valid()));
        ArrayNode reasons = validity.putArray("reasons");
        parts.forEach(p -> p.validity().reasons().forEach(r -> reasons.add("[" + p.injectorId() + "] " + r)));
        ObjectNode verification = root.putObject("verification");
        verification.put("checked", parts.stream().mapToLong(p -> rawLong(p, "verification", "checked")).sum());
        verification.put("mismatches", parts.stream().mapToLong(p -> rawLong(p, "verification", "mismatches")).sum());
        ObjectNode clock = root.putObject("clock");
        double[] offsets = parts.stream().mapToDouble(DriveRun::clockOffsetMs).filter(Double::isFinite).sorted()
                .toArray();
        if (offsets.length == 0) {
            clock.putNull("offsetMs");
        } else {
            clock.put("offsetMs", offsets[offsets.length / 2]);
        }
        clock.put("offsetSpreadMs", offsetSpreadMs);
        ObjectNode merge = root.putObject("merge");
        merge.put("parts", parts.size());
        merge.put("maxClockSkewMs", maxSkewMs);
        if (clockWarning == null) {
            merge.putNull("clockWarning");
        } else {
            merge.put("clockWarning", clockWarning);
        }
        merge.put("sendLag", "upper bound: per-percentile max over the injectors (send lag is not in the logs)");
        ArrayNode injectors = root.putArray("injectors");
        for (int i = 0; i < parts.size(); i++) {
            DriveRun p = parts.get(i);
            ObjectNode o = injectors.addObject();
            o.put("injectorId", p.injectorId());
            o.put("dir", p.dir().toString());
            o.put("sent", p.counts().sent());
            o.put("ok", p.counts().ok());
            o.put("errors", p.counts().errors());
            o.put("timeouts", p.counts().timeouts());
            o.put("offeredHz", p.rates().offeredHz());
            o.put("answeredHz", p.rates().answeredHz());
            o.put("p99Us", p.corrected().p99Us());
            if (Double.isFinite(p.clockOffsetMs())) {
                o.put("clockOffsetMs", p.clockOffsetMs());
            } else {
                o.putNull("clockOffsetMs");
            }
            o.put("hostname", p.environment().path("hostname").asText(""));
            o.put("intervals", logs.get(i).intervals().size());
            o.put("valid", p.validity().valid());
        }
        return root;
    }

    private static String finishedAt(DriveRun p) {
        return rawText(p, "finishedAt");
    }

    private static String rawText(DriveRun p, String field) {
        return Json.read(p.dir().resolve(SummaryReader.FILE)).path(field).asText("");
    }

    private static long rawLong(DriveRun p, String object, String field) {
        return Json.read(p.dir().resolve(SummaryReader.FILE)).path(object).path(field).asLong(0);
    }

    private static ObjectNode sendLagUpperBound(List<DriveRun> parts) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("count", parts.stream().mapToLong(p -> p.stats(DriveRun.SEND_LAG).count()).sum());
        o.put("minUs", parts.stream().mapToDouble(p -> p.stats(DriveRun.SEND_LAG).minUs()).filter(Double::isFinite)
                .min().orElse(Double.NaN));
        double n = parts.stream().mapToLong(p -> p.stats(DriveRun.SEND_LAG).count()).sum();
        o.put("meanUs", n == 0 ? Double.NaN : parts.stream().mapToDouble(p -> p.stats(DriveRun.SEND_LAG).count()
                * p.stats(DriveRun.SEND_LAG).meanUs()).sum() / n);
        o.put("p50Us", maxOf(parts, s -> s.p50Us()));
        o.put("p90Us", maxOf(parts, s -> s.p90Us()));
        o.put("p99Us", maxOf(parts, s -> s.p99Us()));
        o.put("p999Us", maxOf(parts, s -> s.p999Us()));
        o.put("p9999Us", maxOf(parts, s -> s.p9999Us()));
        o.put("maxUs", maxOf(parts, s -> s.maxUs()));
        return o;
    }

    private static double maxOf(List<DriveRun> parts,
                                java.util.function.ToDoubleFunction<org.wsinfer.reports.model.LatencyStats> f) {
        return parts.stream().mapToDouble(p -> f.applyAsDouble(p.stats(DriveRun.SEND_LAG))).filter(Double::isFinite)
                .max().orElse(Double.NaN);
    }

    private static double weighted(List<DriveRun> parts, boolean bySent,
                                   java.util.function.ToDoubleFunction<DriveRun> f) {
        double num = 0;
        double den = 0;
        for (DriveRun p : parts) {
            double w = bySent ? p.counts().sent() : p.counts().ok();
            double v = f.applyAsDouble(p);
            if (Double.isFinite(v) && w > 0) {
                num += v * w;
                den += w;
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }
}
