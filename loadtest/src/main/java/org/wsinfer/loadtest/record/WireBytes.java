package org.wsinfer.loadtest.record;

/** Sizes of WebSocket frames on the wire (RFC 6455 section 5.2). */
public final class WireBytes {
    private WireBytes() {
    }

    /** Header bytes of one frame carrying {@code payloadBytes}; client frames add a 4-byte masking key. */
    public static int frameHeaderBytes(long payloadBytes, boolean masked) {
        int header = payloadBytes < 126 ? 2 : payloadBytes <= 0xFFFF ? 4 : 10;
        return masked ? header + 4 : header;
    }

    /** Whole frame bytes: header plus payload. */
    public static long frameBytes(long payloadBytes, boolean masked) {
        return frameHeaderBytes(payloadBytes, masked) + payloadBytes;
    }
}
