package org.wsinfer.reports.render;

import java.util.List;

/** A plot file written beside index.html: its section, file name, title and the names of its series. */
public record Plot(String section, String file, String title, List<String> series) {

    public Plot {
        series = List.copyOf(series);
    }
}
