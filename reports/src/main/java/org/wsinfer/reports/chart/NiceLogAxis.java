package org.wsinfer.reports.chart;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A base-10 log axis whose ticks are round numbers (1-2-5, or 1..9 on narrow ranges) with plain labels. */
public final class NiceLogAxis extends LogAxis {

    private static final long serialVersionUID = 1L;
    private static final double[] NARROW = {1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final double[] MEDIUM = {1, 2, 5};
    private static final double[] WIDE = {1};

    private final NumberFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US));

    public NiceLogAxis(String label) {
        super(label);
        setBase(10);
        setSmallestValue(1e-3);
    }

    /** Values at or below zero (an error interval reaching below zero) are drawn at the bottom of the axis. */
    @Override
    public double valueToJava2D(double value, Rectangle2D area, RectangleEdge edge) {
        return super.valueToJava2D(value > 0 ? value : getLowerBound(), area, edge);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        return ticks(edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        return ticks(edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
    }

    /** The tick values for a range (exposed for tests). */
    public static List<Double> tickValues(double lower, double upper) {
        List<Double> out = new ArrayList<>();
        if (!(lower > 0) || !(upper > lower)) {
            return out;
        }
        double decades = Math.log10(upper / lower);
        double[] mult = decades < 1.3 ? NARROW : decades < 3.5 ? MEDIUM : WIDE;
        for (int k = (int) Math.floor(Math.log10(lower)); k <= (int) Math.ceil(Math.log10(upper)); k++) {
            double p = Math.pow(10, k);
            for (double m : mult) {
                double v = m * p;
                if (v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private List<NumberTick> ticks(TextAnchor anchor) {
        List<NumberTick> ticks = new ArrayList<>();
        for (double v : tickValues(getLowerBound(), getUpperBound())) {
            ticks.add(new NumberTick(TickType.MAJOR, v, format.format(v), anchor, anchor, 0.0));
        }
        return ticks;
    }
}
