package org.wsinfer.reports.compare;

/** The outcome of one metric's comparison. */
public enum Verdict {
    /** Within the threshold and the noise. */
    PASS,
    /** Better beyond the threshold and the noise. */
    IMPROVED,
    /** Worse beyond the threshold and the noise: fails the comparison. */
    REGRESSION,
    /** Shown for information, no threshold applies. */
    INFO,
    /** Present in the baseline only. */
    MISSING;

    /** True for {@link #REGRESSION}. */
    public boolean fails() {
        return this == REGRESSION;
    }
}
