package org.wsinfer.loadtest.record;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's CPU time per request over the measured phase, from two scrapes of its Prometheus {@code /metrics}:
 * delta {@code wsinfer_process_cpu_seconds_total} / delta sum of {@code wsinfer_requests_total} (every framing and
 * outcome: requests answered).
 *
 * @param cpuSeconds      process CPU seconds the server used between the scrapes
 * @param requests        requests the server answered between the scrapes
 * @param cpuUsPerRequest {@code cpuSeconds * 1e6 / requests} (NaN when no request was answered)
 */
public record ServerCpu(double cpuSeconds, long requests, double cpuUsPerRequest) {
    /** The CPU counter the reference server exports. */
    public static final String CPU_METRIC = "wsinfer_process_cpu_seconds_total";
    /** The answered-requests counter the reference server exports (one series per framing and outcome). */
    public static final String REQUESTS_METRIC = "wsinfer_requests_total";

    /**
     * One scrape.
     *
     * @param cpuSeconds the CPU counter, or null when the text has no such metric
     * @param requests   the sum of the requests counter's series, or null when the text has none
     */
    public record Sample(Double cpuSeconds, Double requests) {
        /** Whether both counters were present. */
        public boolean complete() {
            return cpuSeconds != null && requests != null;
        }
    }

    /** Reads the two counters from Prometheus text exposition format (comments and other metrics ignored). */
    public static Sample parse(String prometheusText) {
        Double cpu = null;
        Double requests = null;
        for (String raw : prometheusText.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int nameEnd = brace >= 0 && (space < 0 || brace < space) ? brace : space;
            if (nameEnd <= 0) {
                continue;
            }
            String name = line.substring(0, nameEnd);
            boolean isCpu = name.equals(CPU_METRIC);
            boolean isRequests = name.equals(REQUESTS_METRIC);
            if (!isCpu && !isRequests) {
                continue;
            }
            Double value = value(line, nameEnd);
            if (value == null) {
                continue;
            }
            if (isCpu) {
                cpu = value;
            } else {
                requests = requests == null ? value : requests + value;
            }
        }
        return new Sample(cpu, requests);
    }

    /** The sample value after the name and the optional label set (an optional timestamp after it is ignored). */
    private static Double value(String line, int nameEnd) {
        int from = nameEnd;
        if (line.charAt(nameEnd) == '{') {
            int close = line.lastIndexOf('}');
            if (close < nameEnd) {
                return null;
            }
            from = close + 1;
        }
        String rest = line.substring(from).strip();
        int end = rest.indexOf(' ');
        String token = end < 0 ? rest : rest.substring(0, end);
        try {
            double v = Double.parseDouble(token);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The figures between two scrapes, or null when either lacks a counter or a counter went backwards (restart). */
    public static ServerCpu between(Sample before, Sample after) {
        if (before == null || after == null || !before.complete() || !after.complete()) {
            return null;
        }
        double cpu = after.cpuSeconds() - before.cpuSeconds();
        double requests = after.requests() - before.requests();
        if (cpu < 0 || requests < 0) {
            return null;
        }
        long n = Math.round(requests);
        return new ServerCpu(cpu, n, n == 0 ? Double.NaN : cpu * 1e6 / n);
    }

    /** The {@code serverCpu} object of summary.json ({@code cpuUsPerRequest} null when nothing was answered). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpuSeconds", cpuSeconds);
        m.put("requests", requests);
        m.put("cpuUsPerRequest", Double.isNaN(cpuUsPerRequest) ? null : Math.round(cpuUsPerRequest * 100) / 100.0);
        return m;
    }
}
