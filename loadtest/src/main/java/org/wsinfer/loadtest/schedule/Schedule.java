package org.wsinfer.loadtest.schedule;

/**
 * An open-loop arrival process: the intended send time of every request, as an offset from the run's start.
 * Offsets never decrease; a schedule is used by one thread.
 */
public interface Schedule {
    /** The intended send time of the next request, in nanoseconds after the start. */
    long nextOffsetNs();

    /** The mean rate this schedule produces, requests per second. */
    double rateHz();
}
