package org.wsinfer.loadtest.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.wsinfer.loadtest.record.PercentileStats;

/**
 * The figures of one finished {@code drive} run that the loops on top of it ({@code capacity}, {@code sweep}) need;
 * the whole story is in the run's {@code summary.json}.
 *
 * @param dir               the run's folder
 * @param offeredHz         the rate asked for
 * @param achievedSendHz    measured requests sent per second
 * @param answeredHz        measured requests answered ok per second
 * @param corrected         the corrected latency
 * @param sent              measured requests
 * @param ok                ok answers
 * @param errors            error answers
 * @param timeouts          timeouts
 * @param lost              lost requests
 * @param requestWireBytes  mean wire bytes per request frame
 * @param answerWireBytes   mean wire bytes per answer frame
 * @param validity          the verdict
 * @param summary           the summary.json tree
 */
public record RunResult(Path dir, double offeredHz, double achievedSendHz, double answeredHz,
                        PercentileStats corrected, long sent, long ok, long errors, long timeouts, long lost,
                        double requestWireBytes, double answerWireBytes, Validity validity,
                        Map<String, Object> summary) {

    /** 0 for a valid run, 1 for a finished but invalid one. */
    public int exitCode() {
        return validity.valid() ? 0 : 1;
    }

    /** The reasons the run is invalid. */
    public List<String> reasons() {
        return validity.reasons();
    }
}
