package org.wsinfer.reports.model;

/** Mean bytes per message: payload alone and on the wire (with the WebSocket frame header). */
public record WireBytes(double requestPayloadBytes, double requestWireBytes, double answerPayloadBytes,
                        double answerWireBytes) {
}
