package org.wsinfer.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;

/** Colours, strokes and fonts shared by every plot: binary is blue and text is orange, everywhere. */
public final class Palette {

    /** Binary framing. */
    public static final Color BINARY = new Color(0x1f, 0x77, 0xb4);
    /** Text (JSON) framing. */
    public static final Color TEXT = new Color(0xff, 0x7f, 0x0e);
    /** Anything else. */
    public static final Color OTHER = new Color(0x55, 0x55, 0x55);
    /** The SLO line. */
    public static final Color SLO = new Color(0xd6, 0x27, 0x28);
    /** Stack colours of the latency breakdown: compute, server queue, network + framework, driver backlog. */
    public static final Color[] BREAKDOWN = {new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd),
            new Color(0x7f, 0x7f, 0x7f), new Color(0xbc, 0xbd, 0x22)};
    /** Title font. */
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    /** Axis label font. */
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    /** Tick label and legend font. */
    public static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private Palette() {
    }

    /** The colour of a framing. */
    public static Color of(String framing) {
        return switch (framing == null ? "" : framing) {
            case "binary" -> BINARY;
            case "text" -> TEXT;
            default -> OTHER;
        };
    }

    /** The colour of a framing, darker or lighter for the n-th of several series of the same framing. */
    public static Color shade(String framing, int index, int count) {
        Color base = of(framing);
        if (count <= 1) {
            return base;
        }
        // from darker (0.55) to lighter (1.35)
        double f = 0.55 + 0.8 * index / (count - 1.0);
        return scale(base, f);
    }

    private static Color scale(Color c, double f) {
        if (f <= 1) {
            return new Color((int) (c.getRed() * f), (int) (c.getGreen() * f), (int) (c.getBlue() * f));
        }
        double t = f - 1;
        return new Color((int) (c.getRed() + (255 - c.getRed()) * t), (int) (c.getGreen() + (255 - c.getGreen()) * t),
                (int) (c.getBlue() + (255 - c.getBlue()) * t));
    }

    /** Solid line. */
    public static Stroke solid(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** Dashed line. */
    public static Stroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{8f, 5f}, 0f);
    }

    /** Dotted line. */
    public static Stroke dotted(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[]{2f, 4f}, 0f);
    }
}
