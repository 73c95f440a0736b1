package org.wsinfer.reports.chart;

import org.HdrHistogram.Histogram;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.wsinfer.reports.analysis.CapacityCurve;
import org.wsinfer.reports.analysis.CurvePoint;
import org.wsinfer.reports.read.IntervalLog;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartDatasetTest {

    @Test
    void percentileLabelsFollowHdrHistogramsClassicAxis() {
        assertEquals(10.0, PercentileFormat.toAxis(90), 1e-9);
        assertEquals(1000.0, PercentileFormat.toAxis(99.9), 1e-6);
        assertEquals("0%", PercentileFormat.label(1));
        assertEquals("90%", PercentileFormat.label(10));
        assertEquals("99%", PercentileFormat.label(100.00000000000001));
        assertEquals("99.9%", PercentileFormat.label(1000));
        assertEquals("99.99%", PercentileFormat.label(10000));
    }

    @Test
    void logTicksAreRoundNumbers() {
        assertEquals(List.of(90.0, 100.0, 150.0, 200.0, 300.0, 400.0), NiceLogAxis.tickValues(90, 450));
        assertEquals(List.of(100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0), NiceLogAxis.tickValues(80, 9000));
        assertEquals(List.of(10.0, 100.0, 1000.0, 10000.0, 100000.0), NiceLogAxis.tickValues(5, 300000));
    }

    @Test
    void spectrumSeriesIsMonotoneAndEndsAtTheMax() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 10000; i++) {
            h.recordValue(i * 1000L);   // 1..10000 µs in ns
        }
        XYSeries s = new XYSeries("x", true, true);
        SpectrumChart.addHistogram(s, h);
        assertTrue(s.getItemCount() > 20);
        for (int i = 1; i < s.getItemCount(); i++) {
            assertTrue(s.getX(i).doubleValue() > s.getX(i - 1).doubleValue());
            assertTrue(s.getY(i).doubleValue() >= s.getY(i - 1).doubleValue());
        }
        assertEquals(h.getMaxValue() / 1000.0, s.getY(s.getItemCount() - 1).doubleValue(), 1e-9);
        // at the 99% point (x=100) latency is about 9,900 µs
        int i99 = s.indexOf(100.0);
        double y = i99 >= 0 ? s.getY(i99).doubleValue() : Double.NaN;
        assertTrue(Double.isNaN(y) || Math.abs(y - 9900) < 50, "p99 " + y);
    }

    @Test
    void timelineHasOnePointPerIntervalOfTheTag() {
        Histogram a = interval("corrected", 0, 100);
        Histogram b = interval("corrected", 1000, 5000);
        Histogram q = interval("server_queue", 0, 10);
        IntervalLog log = new IntervalLog(1_000_000.0, List.of(a, q, b));
        XYSeriesCollection ds = TimelineChart.dataset(log, IntervalLog.CORRECTED);
        assertEquals(List.of("p50", "p99", "max"), List.of(ds.getSeriesKey(0), ds.getSeriesKey(1), ds.getSeriesKey(2)));
        assertEquals(2, ds.getItemCount(0));
        assertEquals(1.0, ds.getXValue(0, 0), 1e-9);
        assertEquals(2.0, ds.getXValue(0, 1), 1e-9);
        assertEquals(5000.0, ds.getYValue(2, 1), 5000 * 1e-3);
    }

    @Test
    void capacitySeriesPerFramingAndPercentile() {
        CapacityCurve bin = new CapacityCurve("binary", 16, 1, 2000, List.of(
                new CurvePoint(1000, 1000, 80, 150, 300, true, "s"),
                new CurvePoint(2000, 2000, 90, 180, Double.NaN, true, "s")), 2000, true);
        CapacityCurve txt = new CapacityCurve("text", 16, 1, 2000, List.of(
                new CurvePoint(1000, 1000, 120, 250, 500, true, "s")), 1000, true);
        XYSeriesCollection ds = CapacityChart.dataset(List.of(bin, txt));
        assertEquals(6, ds.getSeriesCount());
        assertEquals("binary p99.9", ds.getSeriesKey(2));
        assertEquals(1, ds.getSeries(2).getItemCount(), "NaN points are left out");
        assertEquals(250.0, ds.getSeries("text p99").getY(0).doubleValue());
    }

    private static Histogram interval(String tag, long startMs, long valueUs) {
        Histogram h = new Histogram(3);
        h.setTag(tag);
        h.setStartTimeStamp(1_000_000 + startMs);
        h.setEndTimeStamp(1_000_000 + startMs + 1000);
        h.recordValue(valueUs * 1000);
        return h;
    }
}
