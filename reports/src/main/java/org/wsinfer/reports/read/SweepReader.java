package org.wsinfer.reports.read;

import com.fasterxml.jackson.databind.JsonNode;
import org.wsinfer.reports.model.SweepPoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a driver sweep's {@code sweep.json} (schema {@code wsinfer.sweep/1}). */
public final class SweepReader {

    /** File name of a sweep. */
    public static final String FILE = "sweep.json";

    private SweepReader() {
    }

    /** Reads the runs listed in the given sweep.json. */
    public static List<SweepPoint> read(Path file) {
        JsonNode root = Json.read(file);
        String schema = Json.optText(root, "schema", "");
        if (!schema.startsWith("wsinfer.sweep/")) {
            throw new InputException(file, "not a sweep (schema '" + schema + "')");
        }
        List<SweepPoint> points = new ArrayList<>();
        for (JsonNode r : root.path("runs")) {
            points.add(new SweepPoint(Json.text(file, r, "framing").toLowerCase(Locale.ROOT),
                    (int) Json.number(file, r, "features"), (int) Json.optLong(r, "rows", 1),
                    Json.number(file, r, "rateHz"), Json.optText(r, "dir", ""), Json.optNumber(r, "achievedHz"),
                    Json.optNumber(r, "p50Us"), Json.optNumber(r, "p99Us"), Json.optNumber(r, "requestWireBytes"),
                    r.path("valid").asBoolean(false)));
        }
        return points;
    }
}
