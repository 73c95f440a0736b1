package org.wsinfer.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** The protocol v1 test vectors of {@code vectors.txt}, by name. */
final class Vectors {
    private static final Map<String, String> VALUES = load();

    private Vectors() {
    }

    static byte[] hex(String name) {
        return HexFormat.of().parseHex(text(name));
    }

    static String text(String name) {
        String v = VALUES.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no vector " + name);
        }
        return v;
    }

    private static Map<String, String> load() {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors.txt")) {
            Map<String, String> m = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+", 2);
                m.put(parts[0], parts[1].trim());
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
