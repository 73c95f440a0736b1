package org.wsinfer.reports.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

/**
 * A capacity search ({@code capacity.json}): the highest offered rate whose p99 stays under the SLO.
 * {@code limitedByDriver} is the driver's optional flag that its own send lag, not the server, ended the search.
 */
public record CapacityResult(Path file, String framing, int features, int rows, double sloP99Us, double precisionHz,
                             double maxSustainableRateHz, boolean limitedByDriver, List<CapacityStep> steps,
                             JsonNode environment) {

    public CapacityResult {
        steps = List.copyOf(steps);
    }

    /** Label such as {@code binary f16}. */
    public String label() {
        return framing + " f" + features + (rows == 1 ? "" : " x" + rows);
    }
}
