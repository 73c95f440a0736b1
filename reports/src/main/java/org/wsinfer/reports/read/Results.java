package org.wsinfer.reports.read;

import com.fasterxml.jackson.databind.JsonNode;
import org.wsinfer.reports.model.CapacityResult;
import org.wsinfer.reports.model.DriveRun;
import org.wsinfer.reports.model.GatlingStats;
import org.wsinfer.reports.model.JmhResult;
import org.wsinfer.reports.model.SweepPoint;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything found under the results folders given to a command.
 *
 * @param runs       drive runs, excluding the steps of capacity searches
 * @param capacities capacity searches
 * @param sweeps     points listed in sweep.json files
 * @param jmh        JMH results of every JMH file
 * @param gatling    Gatling reports
 * @param envs       env.json files (path and content)
 * @param compares   compare/compare.json files found in the results folders
 * @param inputs     the folders that were walked
 */
public record Results(List<DriveRun> runs, List<CapacityResult> capacities, List<SweepPoint> sweeps,
                      List<JmhResult> jmh, List<GatlingStats> gatling, List<Found> envs, List<Found> compares,
                      List<Path> inputs) {

    public Results {
        runs = List.copyOf(runs);
        capacities = List.copyOf(capacities);
        sweeps = List.copyOf(sweeps);
        jmh = List.copyOf(jmh);
        gatling = List.copyOf(gatling);
        envs = List.copyOf(envs);
        compares = List.copyOf(compares);
        inputs = List.copyOf(inputs);
    }

    /** True when nothing reportable was found. */
    public boolean isEmpty() {
        return runs.isEmpty() && capacities.isEmpty() && sweeps.isEmpty() && jmh.isEmpty() && gatling.isEmpty();
    }

    /** A JSON file found while walking, with its parsed content. */
    public record Found(Path file, JsonNode json) {
    }
}
