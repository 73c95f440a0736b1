package org.wsinfer.reports.model;

import java.util.List;

/** Whether a run's figures can be trusted, and why not. */
public record Validity(boolean valid, List<String> reasons) {

    public Validity {
        reasons = List.copyOf(reasons);
    }
}
