package org.wsinfer.reports.analysis;

import org.junit.jupiter.api.Test;
import org.wsinfer.reports.compare.Thresholds;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadlineBuilderTest {

    private static CapacityCurve curve(String framing, double max, boolean search) {
        return new CapacityCurve(framing, 16, 1, 2000, List.of(new CurvePoint(1000, 1000, 80, 150, 300, true, "s")),
                max, search);
    }

    @Test
    void capacityAnswerAtTheSlo() {
        Headline h = HeadlineBuilder.build(List.of(), List.of(curve("binary", 12000, true), curve("text", 7000, true)),
                List.of());
        assertEquals("Max sustainable rate at p99 < 2 ms: binary 12,000 req/s, text 7,000 req/s.",
                h.capacitySentence());
        assertEquals("Binary has 1.71x the capacity of text at 16 features.", h.framingSentence());
        assertNull(h.regressionSentence());
    }

    @Test
    void sweepOnlyCapacityIsLabelledAsSuch() {
        Headline h = HeadlineBuilder.build(List.of(), List.of(curve("binary", 4000, false)), List.of());
        assertTrue(h.capacitySentence().startsWith("Max sustainable rate (highest passing swept rate) at p99 < 2 ms"),
                h.capacitySentence());
    }

    @Test
    void noDataNoSentences() {
        assertTrue(HeadlineBuilder.build(List.of(), List.of(), List.of()).sentences().isEmpty());
    }

    @Test
    void thresholdsParseAndReject() {
        Thresholds t = Thresholds.parse("p99=20%, throughput=2.5%,p90=5,max=off");
        assertEquals(0.20, t.get("p99").orElseThrow(), 1e-12);
        assertEquals(0.025, t.get("throughput").orElseThrow(), 1e-12);
        assertEquals(0.05, t.get("p90").orElseThrow(), 1e-12);
        assertEquals(0.10, t.get("p50").orElseThrow(), 1e-12, "defaults stay");
        assertTrue(t.get("max").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("p99"));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("p99=abc"));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("p99=-3%"));
    }

    @Test
    void spreadIsMedianMinMaxOfFiniteValues() {
        Spread s = Spread.of(3, Double.NaN, 1, 2, 10);
        assertEquals(2.5, s.median());
        assertEquals(1, s.min());
        assertEquals(10, s.max());
        assertEquals(4, s.n());
        assertEquals(Spread.NONE, Spread.of(Double.NaN));
    }
}
