package org.wsinfer.reports.read;

import com.fasterxml.jackson.databind.JsonNode;
import org.wsinfer.reports.model.Counts;
import org.wsinfer.reports.model.DriveRun;
import org.wsinfer.reports.model.LatencyStats;
import org.wsinfer.reports.model.Rates;
import org.wsinfer.reports.model.RunKey;
import org.wsinfer.reports.model.Validity;
import org.wsinfer.reports.model.WireBytes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a drive run's {@code summary.json} (schema {@code wsinfer.drive.summary/1}). */
public final class SummaryReader {

    /** File name of a drive run's summary. */
    public static final String FILE = "summary.json";
    /** File name of a drive run's interval log. */
    public static final String HLOG = "latency.hlog";
    private static final String SCHEMA = "wsinfer.drive.summary/";
    private static final String[] LATENCIES = {DriveRun.CORRECTED, DriveRun.UNCORRECTED, DriveRun.SERVER_QUEUE,
            DriveRun.SERVER_COMPUTE, DriveRun.SEND_LAG};

    private SummaryReader() {
    }

    /** Reads the drive run in {@code dir} (its summary.json; latency.hlog is optional). */
    public static DriveRun read(Path dir) {
        Path file = dir.resolve(FILE);
        JsonNode root = Json.read(file);
        String schema = Json.optText(root, "schema", "");
        if (!schema.startsWith(SCHEMA)) {
            throw new InputException(file, "not a drive summary (schema '" + schema + "', expected " + SCHEMA + "1)");
        }
        JsonNode config = root.path("config");
        if (!config.isObject()) {
            throw new InputException(file, "missing object 'config'");
        }
        JsonNode rates = root.path("rates");
        RunKey key = new RunKey(
                Json.text(file, config, "framing").toLowerCase(java.util.Locale.ROOT),
                (int) Json.number(file, config, "features"),
                (int) Json.optLong(config, "rows", 1),
                rates.path("offeredHz").isNumber() ? rates.path("offeredHz").asDouble()
                        : Json.number(file, config, "rateHz"),
                (int) Json.optLong(config, "connections", 0),
                Json.optText(config, "url", ""));
        JsonNode c = root.path("counts");
        if (!c.isObject()) {
            throw new InputException(file, "missing object 'counts'");
        }
        Map<String, Long> byCode = new LinkedHashMap<>();
        c.path("errorsByCode").fields().forEachRemaining(e -> byCode.put(e.getKey(), e.getValue().asLong()));
        Counts counts = new Counts((long) Json.number(file, c, "sent"), (long) Json.number(file, c, "ok"),
                Json.optLong(c, "errors", 0), byCode, Json.optLong(c, "timeouts", 0), Json.optLong(c, "lost", 0),
                Json.optLong(c, "connectionFailures", 0), Json.optLong(c, "warmupSent", 0));
        Map<String, LatencyStats> latency = new HashMap<>();
        JsonNode lat = root.path("latency");
        if (!lat.path(DriveRun.CORRECTED).isObject()) {
            throw new InputException(file, "missing object 'latency.corrected'");
        }
        for (String name : LATENCIES) {
            if (lat.path(name).isObject()) {
                latency.put(name, stats(lat.path(name)));
            }
        }
        JsonNode b = root.path("bytes");
        WireBytes bytes = new WireBytes(Json.optNumber(b, "requestPayloadBytes"), Json.optNumber(b, "requestWireBytes"),
                Json.optNumber(b, "answerPayloadBytes"), Json.optNumber(b, "answerWireBytes"));
        JsonNode v = root.path("validity");
        Validity validity = new Validity(v.path("valid").asBoolean(false), Json.strings(v, "reasons"));
        Path hlog = dir.resolve(HLOG);
        return new DriveRun(dir, key, Json.optText(root, "injectorId", "local"), Json.optText(root, "startedAt", ""),
                Json.optLong(root, "measuredDurationMs", 0), counts,
                new Rates(key.offeredHz(), Json.optNumber(rates, "achievedSendHz"), Json.optNumber(rates, "answeredHz")),
                latency, bytes, validity, Json.optNumber(root.path("clock"), "offsetMs"), config,
                root.path("environment"), Files.isRegularFile(hlog) ? hlog : null, root.path("injectors"));
    }

    /** Reads one latency stats object. */
    public static LatencyStats stats(JsonNode n) {
        return new LatencyStats(Json.optLong(n, "count", 0), Json.optNumber(n, "minUs"), Json.optNumber(n, "meanUs"),
                Json.optNumber(n, "p50Us"), Json.optNumber(n, "p90Us"), Json.optNumber(n, "p99Us"),
                Json.optNumber(n, "p999Us"), Json.optNumber(n, "p9999Us"), Json.optNumber(n, "maxUs"));
    }
}
