package org.wsinfer.reports.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The three answers at the top of a report, computed from the data: binary vs text, capacity at the SLO, and the
 * regression verdict. A sentence is null when its data is absent; {@code figures} holds the numbers behind them.
 */
public record Headline(String framingSentence, String capacitySentence, String regressionSentence,
                       Boolean regressionPassed, Map<String, Object> figures) {

    public Headline {
        figures = new TreeMap<>(figures);
    }

    /** The sentences that are present, in order. */
    public List<String> sentences() {
        List<String> out = new ArrayList<>();
        if (framingSentence != null) {
            out.add(framingSentence);
        }
        if (capacitySentence != null) {
            out.add(capacitySentence);
        }
        if (regressionSentence != null) {
            out.add(regressionSentence);
        }
        return out;
    }
}
