package org.wsinfer.reports.analysis;

import org.wsinfer.reports.model.DriveRun;

/**
 * Where the mean latency of a run group goes, in µs (medians over repeats). Means add up where percentiles do not:
 * uncorrected mean = network and framework + server queue + compute; the corrected mean adds the time requests
 * waited in the driver behind late sends (coordinated omission).
 */
public record Breakdown(String label, String framing, double computeUs, double queueUs, double networkUs,
                        double backlogUs, double correctedMeanUs) {

    /** The breakdown of one group; NaN components when the server figures are missing. */
    public static Breakdown of(RunGroup g) {
        double compute = g.spread(r -> r.stats(DriveRun.SERVER_COMPUTE).meanUs()).median();
        double queue = g.spread(r -> r.stats(DriveRun.SERVER_QUEUE).meanUs()).median();
        double uncorrected = g.spread(r -> r.stats(DriveRun.UNCORRECTED).meanUs()).median();
        double corrected = g.latency(l -> l.meanUs()).median();
        double network = Double.isFinite(uncorrected) ? Math.max(0, uncorrected - nz(queue) - nz(compute)) : Double.NaN;
        double backlog = Double.isFinite(uncorrected) ? Math.max(0, corrected - uncorrected) : Double.NaN;
        return new Breakdown(g.label(), g.framing(), compute, queue, network, backlog, corrected);
    }

    /** True when the server reported its queue and compute times. */
    public boolean complete() {
        return Double.isFinite(computeUs) && Double.isFinite(queueUs) && Double.isFinite(networkUs);
    }

    private static double nz(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
