package org.wsinfer.loadtest.soak;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's memory from one scrape of its Prometheus {@code /metrics} (Micrometer's JVM meters): heap and
 * non-heap used (sums of {@code jvm_memory_used_bytes} by {@code area}), direct buffers
 * ({@code jvm_buffer_memory_used_bytes{id="direct"}}); -1 for a series the text does not have.
 *
 * @param heapUsedBytes    heap in use
 * @param nonHeapUsedBytes non-heap in use (metaspace, code cache, ...)
 * @param directUsedBytes  direct byte buffers in use (Netty's pooled direct memory among them)
 */
public record ServerMemory(long heapUsedBytes, long nonHeapUsedBytes, long directUsedBytes) {
    /** No scrape. */
    public static final ServerMemory UNKNOWN = new ServerMemory(-1, -1, -1);

    /** Reads the three figures from Prometheus text (other lines ignored). */
    public static ServerMemory parse(String prometheusText) {
        double heap = -1;
        double nonHeap = -1;
        double direct = -1;
        for (String raw : prometheusText.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            Double v = value(line);
            if (v == null) {
                continue;
            }
            if (line.startsWith("jvm_memory_used_bytes{")) {
                if (line.contains("area=\"heap\"")) {
                    heap = Math.max(heap, 0) + v;
                } else if (line.contains("area=\"nonheap\"")) {
                    nonHeap = Math.max(nonHeap, 0) + v;
                }
            } else if (line.startsWith("jvm_buffer_memory_used_bytes{") && line.contains("id=\"direct\"")) {
                direct = Math.max(direct, 0) + v;
            }
        }
        return new ServerMemory((long) heap, (long) nonHeap, (long) direct);
    }

    /** The sample value after the label set, or null. */
    private static Double value(String line) {
        int close = line.lastIndexOf('}');
        String rest = (close >= 0 ? line.substring(close + 1) : line.substring(line.indexOf(' ') + 1)).strip();
        int space = rest.indexOf(' ');
        String token = space >= 0 ? rest.substring(0, space) : rest;
        try {
            double v = Double.parseDouble(token);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The figures as JSON fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapUsedBytes", heapUsedBytes);
        m.put("nonHeapUsedBytes", nonHeapUsedBytes);
        m.put("directUsedBytes", directUsedBytes);
        return m;
    }
}
