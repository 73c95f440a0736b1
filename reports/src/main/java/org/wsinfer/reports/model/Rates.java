package org.wsinfer.reports.model;

/** Rates of a drive run in requests per second. */
public record Rates(double offeredHz, double achievedSendHz, double answeredHz) {
}
