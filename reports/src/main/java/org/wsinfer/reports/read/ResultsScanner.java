package org.wsinfer.reports.read;

import org.wsinfer.reports.model.CapacityResult;
import org.wsinfer.reports.model.DriveRun;
import org.wsinfer.reports.model.GatlingStats;
import org.wsinfer.reports.model.JmhResult;
import org.wsinfer.reports.model.SweepPoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Walks results folders (a whole benchmark run, or single drive folders) and reads every results file it finds:
 * {@code summary.json}, {@code capacity.json}, {@code sweep.json}, {@code jmh.json} / JMH arrays in {@code jmh/*.json}, Gatling
 * report folders, {@code env.json} and {@code compare/compare.json}. Folders named {@code report} are skipped.
 */
public final class ResultsScanner {

    private static final int MAX_DEPTH = 8;

    private ResultsScanner() {
    }

    /** Reads everything under the given folders; a folder that does not exist is an {@link InputException}. */
    public static Results scan(List<Path> inputs) {
        List<DriveRun> runs = new ArrayList<>();
        List<CapacityResult> capacities = new ArrayList<>();
        List<SweepPoint> sweeps = new ArrayList<>();
        List<JmhResult> jmh = new ArrayList<>();
        List<GatlingStats> gatling = new ArrayList<>();
        List<Results.Found> envs = new ArrayList<>();
        List<Results.Found> compares = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                throw new InputException(input, "not a results folder (does not exist or is not a directory)");
            }
            for (Path file : files(input)) {
                Path real = file.toAbsolutePath().normalize();
                if (!seen.add(real)) {
                    continue;
                }
                String name = file.getFileName().toString();
                Path parent = file.getParent();
                if (name.equals(SummaryReader.FILE)) {
                    if (!isCapacityStep(parent)) {
                        runs.add(SummaryReader.read(parent));
                    }
                } else if (name.equals(CapacityReader.FILE)) {
                    capacities.add(CapacityReader.read(file));
                } else if (name.equals(SweepReader.FILE)) {
                    sweeps.addAll(SweepReader.read(file));
                } else if (name.equals("jmh.json")) {
                    jmh.addAll(JmhReader.read(file));
                } else if (name.endsWith(".json") && parent.getFileName() != null
                        && parent.getFileName().toString().equals("jmh") && JmhReader.looksLikeJmh(file)) {
                    jmh.addAll(JmhReader.read(file));
                } else if (name.equals("env.json")) {
                    envs.add(new Results.Found(file, Json.read(file)));
                } else if (name.equals("compare.json")) {
                    compares.add(new Results.Found(file, Json.read(file)));
                } else if (name.equals("index.html") && GatlingReader.isReport(parent)) {
                    gatling.add(GatlingReader.read(parent));
                }
            }
        }
        runs.sort(Comparator.comparing((DriveRun r) -> r.key().framing()).thenComparing(r -> r.key().features())
                .thenComparing(r -> r.key().rows()).thenComparing(r -> r.key().offeredHz())
                .thenComparing(r -> r.dir().toString()));
        return new Results(runs, capacities, sweeps, jmh, gatling, envs, compares, inputs);
    }

    private static boolean isCapacityStep(Path dir) {
        Path parent = dir.getParent();
        return parent != null && Files.isRegularFile(parent.resolve(CapacityReader.FILE));
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !underSkipped(root, p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            throw new InputException(root, "cannot walk: " + e.getCause().getMessage(), e);
        }
    }

    private static boolean underSkipped(Path root, Path file) {
        Path rel = root.relativize(file);
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            String part = rel.getName(i).toString();
            // our own output, hidden folders, and Gatling's js/ assets (stats.json there is Gatling's, read by GatlingReader)
            if (part.equals("report") || part.startsWith(".") || part.equals("js")) {
                return true;
            }
        }
        return false;
    }
}
