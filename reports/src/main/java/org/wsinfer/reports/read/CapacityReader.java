package org.wsinfer.reports.read;

import com.fasterxml.jackson.databind.JsonNode;
import org.wsinfer.reports.model.CapacityResult;
import org.wsinfer.reports.model.CapacityStep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a capacity search's {@code capacity.json} (schema {@code wsinfer.capacity/1}). */
public final class CapacityReader {

    /** File name of a capacity search. */
    public static final String FILE = "capacity.json";

    private CapacityReader() {
    }

    /** Reads the given capacity.json. */
    public static CapacityResult read(Path file) {
        JsonNode root = Json.read(file);
        String schema = Json.optText(root, "schema", "");
        if (!schema.startsWith("wsinfer.capacity/")) {
            throw new InputException(file, "not a capacity result (schema '" + schema + "')");
        }
        List<CapacityStep> steps = new ArrayList<>();
        for (JsonNode s : root.path("steps")) {
            steps.add(new CapacityStep((int) Json.optLong(s, "step", steps.size() + 1), Json.optText(s, "phase", ""),
                    Json.number(file, s, "offeredHz"), Json.optNumber(s, "achievedHz"), Json.optNumber(s, "p50Us"),
                    Json.optNumber(s, "p99Us"), Json.optNumber(s, "p999Us"), Json.optLong(s, "errors", 0),
                    Json.optLong(s, "timeouts", 0), s.path("valid").asBoolean(false), s.path("passed").asBoolean(false),
                    Json.optText(s, "dir", "")));
        }
        return new CapacityResult(file, Json.text(file, root, "framing").toLowerCase(Locale.ROOT),
                (int) Json.number(file, root, "features"), (int) Json.optLong(root, "rows", 1),
                Json.number(file, root, "sloP99Us"), Json.optNumber(root, "precisionHz"),
                Json.optNumber(root, "maxSustainableRateHz"), root.path("limitedByDriver").asBoolean(false), steps,
                root.path("environment"));
    }
}
