package org.wsinfer.reports.analysis;

import org.wsinfer.reports.model.CapacityResult;
import org.wsinfer.reports.model.CapacityStep;
import org.wsinfer.reports.model.SweepPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds capacity curves from capacity searches, drive run groups and sweep.json points: one curve per framing,
 * features and rows. Without a capacity search the max sustainable rate is the highest swept rate that passes
 * (valid, no errors or timeouts, p99 under the SLO) with every lower rate passing too.
 */
public final class CapacityCurves {

    private CapacityCurves() {
    }

    /** Curves sorted by features, then framing. */
    public static List<CapacityCurve> build(List<CapacityResult> searches, List<RunGroup> groups,
                                            List<SweepPoint> sweeps, double defaultSloP99Us) {
        Map<String, CapacityResult> searchByKey = new LinkedHashMap<>();
        Map<String, TreeMap<Double, CurvePoint>> pointsByKey = new LinkedHashMap<>();
        for (CapacityResult c : searches) {
            String key = key(c.framing(), c.features(), c.rows());
            searchByKey.put(key, c);
            TreeMap<Double, CurvePoint> pts = pointsByKey.computeIfAbsent(key, k -> new TreeMap<>());
            for (CapacityStep s : c.steps()) {
                pts.put(s.offeredHz(), new CurvePoint(s.offeredHz(), s.achievedHz(), s.p50Us(), s.p99Us(), s.p999Us(),
                        s.passed(), "capacity step " + s.step()));
            }
        }
        for (RunGroup g : groups) {
            String key = key(g.framing(), g.key().features(), g.key().rows());
            double slo = searchByKey.containsKey(key) ? searchByKey.get(key).sloP99Us() : defaultSloP99Us;
            double p99 = g.latency(l -> l.p99Us()).median();
            boolean passed = g.valid() && g.total(r -> r.counts().errors() + r.counts().timeouts()) == 0 && p99 < slo;
            pointsByKey.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(g.key().offeredHz(),
                    new CurvePoint(g.key().offeredHz(), g.spread(r -> r.rates().answeredHz()).median(),
                            g.latency(l -> l.p50Us()).median(), p99, g.latency(l -> l.p999Us()).median(), passed,
                            g.repeats() > 1 ? "drive runs (median of " + g.repeats() + ")" : "drive run"));
        }
        for (SweepPoint s : sweeps) {
            String key = key(s.framing(), s.features(), s.rows());
            double slo = searchByKey.containsKey(key) ? searchByKey.get(key).sloP99Us() : defaultSloP99Us;
            pointsByKey.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(s.rateHz(),
                    new CurvePoint(s.rateHz(), s.achievedHz(), s.p50Us(), s.p99Us(), Double.NaN,
                            s.valid() && s.p99Us() < slo, "sweep.json"));
        }
        List<CapacityCurve> curves = new ArrayList<>();
        pointsByKey.forEach((key, pts) -> {
            String[] parts = key.split("\\|");
            CapacityResult search = searchByKey.get(key);
            double slo = search != null ? search.sloP99Us() : defaultSloP99Us;
            double max = search != null ? search.maxSustainableRateHz() : maxPassing(pts.values());
            curves.add(new CapacityCurve(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), slo,
                    new ArrayList<>(pts.values()), max, search != null, search != null && search.limitedByDriver()));
        });
        curves.sort(Comparator.comparingInt(CapacityCurve::features).thenComparingInt(CapacityCurve::rows)
                .thenComparing(CapacityCurve::framing));
        return curves;
    }

    private static double maxPassing(Iterable<CurvePoint> ascending) {
        double max = Double.NaN;
        for (CurvePoint p : ascending) {
            if (!p.passed()) {
                break;
            }
            max = p.offeredHz();
        }
        return max;
    }

    private static String key(String framing, int features, int rows) {
        return framing + "|" + features + "|" + rows;
    }
}
