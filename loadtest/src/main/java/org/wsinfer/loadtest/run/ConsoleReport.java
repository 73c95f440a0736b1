package org.wsinfer.loadtest.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.wsinfer.loadtest.record.PercentileStats;

/** The driver's stdout: one progress line per interval and a one-screen summary at the end. */
final class ConsoleReport {
    private final PrintStream out;
    private final boolean quiet;

    ConsoleReport(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    /** A progress line of the warm-up. */
    void warmup(double elapsedS, double rateHz, long sent, int inFlight) {
        if (!quiet) {
            out.println(String.format(Locale.US, "[warmup %6.1fs] rate %9.1f/s  sent %9d  in-flight %6d",
                    elapsedS, rateHz, sent, inFlight));
        }
    }

    /** A progress line of the measured phase. */
    void progress(double elapsedS, double rateHz, long sent, int inFlight, double p99SoFarUs, long errors,
                  long timeouts, long lost) {
        if (!quiet) {
            out.println(String.format(Locale.US,
                    "[%6.1fs] rate %9.1f/s  sent %9d  in-flight %6d  p99 %10.1f us  errors %d  timeouts %d  lost %d",
                    elapsedS, rateHz, sent, inFlight, p99SoFarUs, errors, timeouts, lost));
        }
    }

    /** The end-of-run summary. */
    @SuppressWarnings("unchecked")
    void summary(Map<String, Object> s, Map<String, PercentileStats> latency, Validity v, String dir) {
        Map<String, Object> config = (Map<String, Object>) s.get("config");
        Map<String, Object> counts = (Map<String, Object>) s.get("counts");
        Map<String, Object> rates = (Map<String, Object>) s.get("rates");
        Map<String, Object> bytes = (Map<String, Object>) s.get("bytes");
        out.println("---- wsinfer drive summary ----");
        out.println(String.format(Locale.US, "url %s  framing %s  features %s  rows %s  connections %s  arrival %s",
                config.get("url"), config.get("framing"), config.get("features"), config.get("rows"),
                config.get("connections"), config.get("arrival")));
        out.println(String.format(Locale.US, "measured %d ms (warm-up %s ms excluded)  injector %s",
                (Long) s.get("measuredDurationMs"), config.get("warmupMs"), s.get("injectorId")));
        out.println(String.format(Locale.US, "rate: offered %.1f/s  achieved send %.1f/s  answered %.1f/s",
                (Double) rates.get("offeredHz"), (Double) rates.get("achievedSendHz"), (Double) rates.get("answeredHz")));
        out.println(String.format(Locale.US,
                "counts: sent %s  ok %s  errors %s  timeouts %s  lost %s  connection failures %s",
                counts.get("sent"), counts.get("ok"), counts.get("errors"), counts.get("timeouts"), counts.get("lost"),
                counts.get("connectionFailures")));
        out.println(String.format(Locale.US, "%-15s %8s %10s %10s %10s %10s %10s %10s", "latency (us)", "count",
                "p50", "p90", "p99", "p99.9", "p99.99", "max"));
        for (Map.Entry<String, PercentileStats> e : latency.entrySet()) {
            PercentileStats p = e.getValue();
            out.println(String.format(Locale.US, "%-15s %8d %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f", e.getKey(),
                    p.count(), p.p50Us(), p.p90Us(), p.p99Us(), p.p999Us(), p.p9999Us(), p.maxUs()));
        }
        out.println(String.format(Locale.US, "bytes: request %.1f payload / %.1f wire  answer %.1f payload / %.1f wire",
                (Double) bytes.get("requestPayloadBytes"), (Double) bytes.get("requestWireBytes"),
                (Double) bytes.get("answerPayloadBytes"), (Double) bytes.get("answerWireBytes")));
        Map<String, Object> ver = (Map<String, Object>) s.get("verification");
        if (config.get("verifyModel") != null) {
            out.println(String.format(Locale.US, "verification: checked %s  mismatches %s  max relative error %.3g",
                    ver.get("checked"), ver.get("mismatches"), (Double) ver.get("maxRelativeError")));
        }
        out.println("verdict: " + (v.valid() ? "VALID" : "INVALID"));
        for (String r : v.reasons()) {
            out.println("  - " + r);
        }
        out.println("results in " + dir);
    }
}
