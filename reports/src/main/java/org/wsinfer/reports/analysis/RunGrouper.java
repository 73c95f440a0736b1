package org.wsinfer.reports.analysis;

import org.wsinfer.reports.model.DriveRun;
import org.wsinfer.reports.model.RunKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Groups drive runs into repeats by their key (framing, features, rows, offered rate, connections, url). */
public final class RunGrouper {

    private RunGrouper() {
    }

    /** Groups by the full key, in the order the runs are given. */
    public static List<RunGroup> group(List<DriveRun> runs) {
        return group(runs, DriveRun::key);
    }

    /** Groups by the portable key (url ignored), to pair runs made on different machines. */
    public static List<RunGroup> groupPortable(List<DriveRun> runs) {
        return group(runs, r -> r.key().portable());
    }

    private static List<RunGroup> group(List<DriveRun> runs, Function<DriveRun, RunKey> keyOf) {
        Map<RunKey, List<DriveRun>> byKey = new LinkedHashMap<>();
        for (DriveRun run : runs) {
            byKey.computeIfAbsent(keyOf.apply(run), k -> new ArrayList<>()).add(run);
        }
        Map<String, Integer> labels = new java.util.HashMap<>();
        byKey.keySet().forEach(k -> labels.merge(k.label(), 1, Integer::sum));
        List<RunGroup> groups = new ArrayList<>();
        byKey.forEach((k, v) -> groups.add(new RunGroup(k, v, labels.get(k.label()) > 1
                ? k.label() + " @" + k.url().replaceFirst("^wss?://", "").replaceFirst("/.*$", "") : k.label())));
        return groups;
    }
}
