package org.wsinfer.loadtest.soak;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency drift over a soak: the mean corrected p99 of the last {@code k} segments over that of the first {@code k};
 * above the threshold the verdict is {@code DRIFT}, else {@code STABLE} ({@code TOO_SHORT} with fewer than 2
 * segments). Memory growth is reported beside it (heap and direct, last scrape minus first), judged by no rule.
 *
 * @param verdict        STABLE, DRIFT or TOO_SHORT
 * @param firstP99Us     mean p99 of the first segments
 * @param lastP99Us      mean p99 of the last segments
 * @param ratio          lastP99Us / firstP99Us (NaN when undefined)
 * @param heapGrowthBytes   heap used after the last segment minus after the first (0 when unknown)
 * @param directGrowthBytes direct memory used after the last segment minus after the first (0 when unknown)
 */
public record DriftVerdict(String verdict, double firstP99Us, double lastP99Us, double ratio, long heapGrowthBytes,
                           long directGrowthBytes) {

    /** Judges {@code p99Us} (one per segment, in order) with {@code k} segments at each end. */
    public static DriftVerdict judge(List<Double> p99Us, List<ServerMemory> memory, int k, double threshold) {
        long heap = growth(memory, true);
        long direct = growth(memory, false);
        if (p99Us.size() < 2) {
            return new DriftVerdict("TOO_SHORT", Double.NaN, Double.NaN, Double.NaN, heap, direct);
        }
        int n = Math.max(1, Math.min(k, p99Us.size() / 2));
        double first = mean(p99Us.subList(0, n));
        double last = mean(p99Us.subList(p99Us.size() - n, p99Us.size()));
        double ratio = first > 0 ? last / first : Double.NaN;
        String verdict = Double.isFinite(ratio) && ratio > threshold ? "DRIFT" : "STABLE";
        return new DriftVerdict(verdict, first, last, ratio, heap, direct);
    }

    private static long growth(List<ServerMemory> memory, boolean heap) {
        if (memory.size() < 2) {
            return 0;
        }
        long a = heap ? memory.get(0).heapUsedBytes() : memory.get(0).directUsedBytes();
        long b = heap ? memory.get(memory.size() - 1).heapUsedBytes()
                : memory.get(memory.size() - 1).directUsedBytes();
        return a < 0 || b < 0 ? 0 : b - a;
    }

    private static double mean(List<Double> v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.size();
    }

    /** The verdict as JSON fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict);
        m.put("firstP99Us", round(firstP99Us));
        m.put("lastP99Us", round(lastP99Us));
        m.put("p99Ratio", round(ratio));
        m.put("heapGrowthBytes", heapGrowthBytes);
        m.put("directGrowthBytes", directGrowthBytes);
        return m;
    }

    private static Object round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000.0) / 1000.0 : null;
    }

    /** One line for the console. */
    public String line() {
        return String.format(Locale.US, "drift: %s (p99 first %.1f us, last %.1f us, ratio %.2f);"
                        + " server heap %+d bytes, direct %+d bytes", verdict, firstP99Us, lastP99Us, ratio,
                heapGrowthBytes, directGrowthBytes);
    }
}
