package org.wsinfer.reports.compare;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Allowed relative regressions per metric kind, parsed from {@code p99=10%,throughput=5%,...}. Keys: p50, p90, p99,
 * p999, max (latency, higher is worse), throughput (achieved rate and capacity, lower is worse), bytes (wire bytes per
 * message), jmh (JMH scores, on top of their error intervals). A value is {@code N%} or {@code off}.
 */
public final class Thresholds {

    /** Keys that can be given. */
    public static final Set<String> KEYS = Set.of("p50", "p90", "p99", "p999", "max", "throughput", "bytes", "jmh");
    /** The defaults: p50 and p99 +10%, throughput −5%, bytes +10%, JMH 5% beyond the error intervals. */
    public static final String DEFAULTS = "p50=10%,p99=10%,throughput=5%,bytes=10%,jmh=5%";
    /** The defaults with '%' doubled, for picocli descriptions (which are format strings). */
    public static final String DEFAULTS_ESCAPED = "p50=10%%,p99=10%%,throughput=5%%,bytes=10%%,jmh=5%%";

    private final Map<String, Double> limits;

    private Thresholds(Map<String, Double> limits) {
        this.limits = Map.copyOf(limits);
    }

    /** The defaults. */
    public static Thresholds defaults() {
        return parse("");
    }

    /** The defaults overridden by the given list; throws {@link IllegalArgumentException} naming a bad entry. */
    public static Thresholds parse(String spec) {
        Map<String, Double> m = new LinkedHashMap<>();
        apply(m, DEFAULTS);
        if (spec != null && !spec.isBlank()) {
            apply(m, spec);
        }
        return new Thresholds(m);
    }

    private static void apply(Map<String, Double> m, String spec) {
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--max-regress: expected key=N%, got '" + p + "'");
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT).replace("p99.9", "p999");
            String value = p.substring(eq + 1).trim();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("--max-regress: unknown metric '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
            if (value.equalsIgnoreCase("off")) {
                m.remove(key);
                continue;
            }
            String number = value.endsWith("%") ? value.substring(0, value.length() - 1).trim() : value;
            double pct;
            try {
                pct = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--max-regress: '" + value + "' for " + key
                        + " is not a percentage like 10%");
            }
            if (!(pct >= 0) || pct > 1000 || Double.isInfinite(pct)) {
                throw new IllegalArgumentException("--max-regress: " + key + " must be between 0% and 1000%, got "
                        + value);
            }
            m.put(key, pct / 100.0);
        }
    }

    /** The allowed relative change for a key, empty when the key is informational only. */
    public Optional<Double> get(String key) {
        return Optional.ofNullable(limits.get(key));
    }

    /** All limits, as fractions. */
    public Map<String, Double> asMap() {
        return new java.util.TreeMap<>(limits);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=')
                .append(org.wsinfer.reports.text.Fmt.percent(v)));
        return sb.toString();
    }
}
