package org.wsinfer.protocol;

import java.util.Locale;

/** How a message is framed on the WebSocket: raw float32 binary frames or JSON text frames. */
public enum Framing {
    /** Binary frames, little-endian float32 payloads. */
    BINARY,
    /** Text frames holding JSON. */
    TEXT;

    /** Parses {@code binary} or {@code text} (any case). */
    public static Framing parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "binary":
                return BINARY;
            case "text":
            case "json":
                return TEXT;
            default:
                throw new IllegalArgumentException("framing must be binary or text, not '" + s + "'");
        }
    }

    /** The lower-case name used in options, folders and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
