package org.wsinfer.reports.compare;

import org.wsinfer.reports.analysis.CapacityCurve;
import org.wsinfer.reports.analysis.CapacityCurves;
import org.wsinfer.reports.analysis.RunGroup;
import org.wsinfer.reports.analysis.RunGrouper;
import org.wsinfer.reports.analysis.Spread;
import org.wsinfer.reports.model.GatlingStats;
import org.wsinfer.reports.model.JmhResult;
import org.wsinfer.reports.model.LatencyStats;
import org.wsinfer.reports.model.RunKey;
import org.wsinfer.reports.read.InputException;
import org.wsinfer.reports.read.Results;
import org.wsinfer.reports.read.ResultsScanner;
import org.wsinfer.reports.text.Fmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Compares a candidate results folder with a baseline, metric by metric.
 *
 * <p>Noise rule: with the baseline's values over repeats spanning [min, max], a higher-is-worse metric regresses when
 * the candidate's median exceeds max × (1 + threshold) and improves when it is below min × (1 − threshold); the mirror
 * for lower-is-worse metrics. With one repeat min = max = median, so this is the plain threshold. A JMH score's range
 * is its 99.9% error interval, so a change inside the overlap of the intervals never regresses. Errors and timeouts
 * regress when the candidate has some and the baseline had none.
 */
public final class ResultsComparator {

    private ResultsComparator() {
    }

    /** Reads both folders and compares them; {@link InputException} when there is nothing to compare. */
    public static Comparison compare(CompareConfig config) {
        Results base = ResultsScanner.scan(List.of(config.baseline()));
        Results cand = ResultsScanner.scan(List.of(config.candidate()));
        if (base.isEmpty()) {
            throw new InputException(config.baseline(), "no results found in the baseline folder");
        }
        if (cand.isEmpty()) {
            throw new InputException(config.candidate(), "no results found in the candidate folder");
        }
        List<MetricResult> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Thresholds t = config.thresholds();
        compareRuns(base, cand, t, out, notes);
        compareCapacity(base, cand, t, out, notes);
        compareJmh(base, cand, t, out);
        compareGatling(base, cand, t, out);
        if (out.stream().noneMatch(m -> m.baseline().present() && m.candidate().present())) {
            throw new InputException(config.candidate(), "nothing in common with the baseline " + config.baseline()
                    + " to compare (no run, capacity search, JMH benchmark or Gatling simulation matches)");
        }
        return new Comparison(config.baseline(), config.candidate(), t, out, notes);
    }

    private static void compareRuns(Results base, Results cand, Thresholds t, List<MetricResult> out,
                                    List<String> notes) {
        Map<RunKey, RunGroup> b = byKey(RunGrouper.groupPortable(base.runs()));
        Map<RunKey, RunGroup> c = byKey(RunGrouper.groupPortable(cand.runs()));
        String bf = singleFraming(b.keySet());
        String cf = singleFraming(c.keySet());
        boolean crossFraming = !b.isEmpty() && !c.isEmpty() && bf != null && cf != null && !bf.equals(cf)
                && b.keySet().stream().noneMatch(c::containsKey);
        if (crossFraming) {
            notes.add("Framing differs: baseline runs are all " + bf + ", candidate runs all " + cf
                    + "; runs are paired on the rest of their configuration.");
        }
        Set<RunKey> matched = new java.util.HashSet<>();
        for (Map.Entry<RunKey, RunGroup> e : b.entrySet()) {
            RunKey key = crossFraming ? e.getKey().withFraming(cf) : e.getKey();
            RunGroup bg = e.getValue();
            RunGroup cg = c.get(key);
            String group = crossFraming ? bg.key().label() + " → " + cf : bg.key().label();
            if (cg == null) {
                out.add(missing(group, "run"));
                continue;
            }
            latency(out, group, "p50", "p50Us", bg, cg, LatencyStats::p50Us, t);
            latency(out, group, "p90", "p90Us", bg, cg, LatencyStats::p90Us, t);
            latency(out, group, "p99", "p99Us", bg, cg, LatencyStats::p99Us, t);
            latency(out, group, "p999", "p999Us", bg, cg, LatencyStats::p999Us, t);
            latency(out, group, "max", "maxUs", bg, cg, LatencyStats::maxUs, t);
            out.add(judge(group, "answeredHz", "req/s", false, bg.spread(r -> r.rates().answeredHz()),
                    cg.spread(r -> r.rates().answeredHz()), t.get("throughput").orElse(null), "throughput"));
            out.add(judge(group, "requestWireBytes", "B", true, bg.spread(r -> r.bytes().requestWireBytes()),
                    cg.spread(r -> r.bytes().requestWireBytes()), t.get("bytes").orElse(null), "bytes"));
            out.add(judge(group, "answerWireBytes", "B", true, bg.spread(r -> r.bytes().answerWireBytes()),
                    cg.spread(r -> r.bytes().answerWireBytes()), t.get("bytes").orElse(null), "bytes"));
            out.add(errors(group, "errors+timeouts", bg.total(r -> r.counts().errors() + r.counts().timeouts()),
                    cg.total(r -> r.counts().errors() + r.counts().timeouts())));
            matched.add(key);
            boolean bv = bg.valid();
            boolean cv = cg.valid();
            out.add(new MetricResult(group, "valid", "yes/no", false, Spread.of(bv ? 1 : 0), Spread.of(cv ? 1 : 0),
                    Double.NaN, null, Verdict.INFO, bv && !cv ? "candidate run is invalid: "
                    + String.join("; ", cg.reasons()) + " — its figures are not trustworthy"
                    : cv ? "valid" : "invalid in both"));
        }
        newInCandidate(c, matched, out);
    }

    private static void newInCandidate(Map<RunKey, RunGroup> c, Set<RunKey> matched, List<MetricResult> out) {
        for (Map.Entry<RunKey, RunGroup> e : c.entrySet()) {
            if (!matched.contains(e.getKey())) {
                out.add(new MetricResult(e.getValue().label(), "run", "", true, Spread.NONE,
                        e.getValue().latency(LatencyStats::p99Us), Double.NaN, null, Verdict.INFO,
                        "in the candidate only (p99 shown)"));
            }
        }
    }

    private static void latency(List<MetricResult> out, String group, String key, String metric, RunGroup b,
                                RunGroup c, ToDoubleFunction<LatencyStats> f, Thresholds t) {
        out.add(judge(group, metric, "µs", true, b.latency(f), c.latency(f), t.get(key).orElse(null), key));
    }

    private static void compareCapacity(Results base, Results cand, Thresholds t, List<MetricResult> out,
                                        List<String> notes) {
        Map<String, CapacityCurve> b = capacities(base);
        Map<String, CapacityCurve> c = capacities(cand);
        String bf = singleFraming(b.values().stream().map(CapacityCurve::framing).toList());
        String cf = singleFraming(c.values().stream().map(CapacityCurve::framing).toList());
        boolean cross = !b.isEmpty() && !c.isEmpty() && bf != null && cf != null && !bf.equals(cf)
                && b.keySet().stream().noneMatch(c::containsKey);
        if (cross && notes.stream().noneMatch(n -> n.startsWith("Framing differs"))) {
            notes.add("Framing differs: baseline capacity searches are " + bf + ", candidate " + cf + ".");
        }
        for (Map.Entry<String, CapacityCurve> e : b.entrySet()) {
            CapacityCurve bc = e.getValue();
            String key = cross ? cf + e.getKey().substring(e.getKey().indexOf('|')) : e.getKey();
            CapacityCurve cc = c.get(key);
            String group = "capacity " + bc.framing() + " f" + bc.features() + (cross ? " → " + cf : "");
            if (cc == null) {
                out.add(missing(group, "maxSustainableRateHz"));
                continue;
            }
            out.add(judge(group, "maxSustainableRateHz", "req/s", false, Spread.of(bc.maxSustainableHz()),
                    Spread.of(cc.maxSustainableHz()), t.get("throughput").orElse(null), "throughput"));
        }
    }

    private static Map<String, CapacityCurve> capacities(Results r) {
        Map<String, CapacityCurve> m = new LinkedHashMap<>();
        for (CapacityCurve c : CapacityCurves.build(r.capacities(), List.of(), List.of(), 1)) {
            m.put(c.framing() + "|" + c.features() + "|" + c.rows(), c);
        }
        return m;
    }

    private static void compareJmh(Results base, Results cand, Thresholds t, List<MetricResult> out) {
        Map<String, JmhResult> c = new LinkedHashMap<>();
        cand.jmh().forEach(r -> c.put(r.id(), r));
        Double limit = t.get("jmh").orElse(null);
        for (JmhResult b : base.jmh()) {
            JmhResult x = c.get(b.id());
            String group = "jmh " + b.id();
            if (x == null) {
                out.add(missing(group, "score"));
                continue;
            }
            boolean higherIsWorse = !b.higherIsBetter();
            Spread bs = new Spread(b.score(), b.lower(), b.upper(), 1);
            Spread cs = new Spread(x.score(), x.lower(), x.upper(), 1);
            double change = x.score() / b.score() - 1;
            boolean overlap = x.lower() <= b.upper() && b.lower() <= x.upper();
            boolean worse = higherIsWorse ? change > 0 : change < 0;
            Verdict v;
            String reason;
            if (limit == null) {
                v = Verdict.INFO;
                reason = "no threshold";
            } else if (overlap) {
                v = Verdict.PASS;
                reason = "error intervals overlap";
            } else if (Math.abs(change) <= limit) {
                v = Verdict.PASS;
                reason = "intervals apart but change within " + Fmt.percent(limit);
            } else {
                v = worse ? Verdict.REGRESSION : Verdict.IMPROVED;
                reason = (worse ? "worse" : "better") + " by " + Fmt.change(change) + " beyond the error intervals"
                        + " (" + (higherIsWorse ? "lower" : "higher") + " is better)";
            }
            out.add(new MetricResult(group, "score", b.scoreUnit(), higherIsWorse, bs, cs, change, limit, v, reason));
        }
    }

    private static void compareGatling(Results base, Results cand, Thresholds t, List<MetricResult> out) {
        Map<String, GatlingStats> c = new LinkedHashMap<>();
        cand.gatling().forEach(g -> c.put(g.simulation(), g));
        for (GatlingStats b : base.gatling()) {
            GatlingStats x = c.get(b.simulation());
            String group = "gatling " + b.simulation();
            if (x == null) {
                out.add(missing(group, "simulation"));
                continue;
            }
            out.add(judge(group, "answersPerSecond", "req/s", false, Spread.of(b.global().meanRps()),
                    Spread.of(x.global().meanRps()), t.get("throughput").orElse(null), "throughput"));
            int last = b.percentileLevels().size() - 1;
            if (last >= 0 && x.percentileLevels().equals(b.percentileLevels())) {
                String name = "p" + Fmt.num(b.percentileLevels().get(last)).replace(".000", "") + "Ms";
                out.add(judge(group, name, "ms", true, Spread.of(b.global().percentilesMs().get(last)),
                        Spread.of(x.global().percentilesMs().get(last)), t.get("p99").orElse(null), "p99"));
            }
            out.add(errors(group, "ko", b.global().ko(), x.global().ko()));
        }
    }

    /** Applies the noise rule to a metric with the given threshold (null: informational). */
    static MetricResult judge(String group, String metric, String unit, boolean higherIsWorse, Spread b, Spread c,
                              Double threshold, String key) {
        double change = c.median() / b.median() - 1;
        if (!b.present() || !c.present()) {
            return new MetricResult(group, metric, unit, higherIsWorse, b, c, Double.NaN, threshold, Verdict.INFO,
                    "not measured on both sides");
        }
        if (threshold == null) {
            return new MetricResult(group, metric, unit, higherIsWorse, b, c, change, null, Verdict.INFO,
                    "no threshold for " + key);
        }
        double t = threshold;
        double worseBound = higherIsWorse ? b.max() * (1 + t) : b.min() * (1 - t);
        double betterBound = higherIsWorse ? b.min() * (1 - t) : b.max() * (1 + t);
        boolean worse = higherIsWorse ? c.median() > worseBound : c.median() < worseBound;
        boolean better = higherIsWorse ? c.median() < betterBound : c.median() > betterBound;
        String u = unit.isEmpty() ? "" : " " + unit;
        String worstBase = b.n() > 1 ? String.format(Locale.US, "the baseline's %s over %d repeats, %s%s",
                higherIsWorse ? "max" : "min", b.n(), Fmt.num(higherIsWorse ? b.max() : b.min()), u)
                : "the baseline " + Fmt.num(b.median()) + u;
        if (worse) {
            return new MetricResult(group, metric, unit, higherIsWorse, b, c, change, threshold, Verdict.REGRESSION,
                    String.format(Locale.US, "%s%s is more than %s %s %s", Fmt.num(c.median()), u, Fmt.percent(t),
                            higherIsWorse ? "above" : "below", worstBase));
        }
        if (better) {
            return new MetricResult(group, metric, unit, higherIsWorse, b, c, change, threshold, Verdict.IMPROVED,
                    "better than the whole baseline range by more than " + Fmt.percent(t));
        }
        return new MetricResult(group, metric, unit, higherIsWorse, b, c, change, threshold, Verdict.PASS,
                "within " + Fmt.percent(t) + (b.n() > 1 ? " of the baseline's range over " + b.n() + " repeats" : ""));
    }

    private static MetricResult errors(String group, String metric, long base, long cand) {
        Verdict v = base == 0 && cand > 0 ? Verdict.REGRESSION : cand < base ? Verdict.IMPROVED : Verdict.PASS;
        String reason = v == Verdict.REGRESSION ? "candidate has " + cand + " where the baseline had none"
                : base > 0 ? "baseline already had " + base : "none on either side";
        return new MetricResult(group, metric, "", true, Spread.of(base), Spread.of(cand),
                base == 0 ? (cand == 0 ? 0 : Double.POSITIVE_INFINITY) : (double) cand / base - 1, 0.0, v, reason);
    }

    private static MetricResult missing(String group, String metric) {
        return new MetricResult(group, metric, "", true, Spread.NONE, Spread.NONE, Double.NaN, null, Verdict.MISSING,
                "in the baseline only");
    }

    private static Map<RunKey, RunGroup> byKey(List<RunGroup> groups) {
        Map<RunKey, RunGroup> m = new LinkedHashMap<>();
        groups.forEach(g -> m.put(g.key(), g));
        return m;
    }

    private static String singleFraming(Set<RunKey> keys) {
        return singleFraming(keys.stream().map(RunKey::framing).toList());
    }

    private static String singleFraming(List<String> framings) {
        Set<String> s = new TreeSet<>(framings);
        return s.size() == 1 ? s.iterator().next() : null;
    }
}
