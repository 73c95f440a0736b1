package org.wsinfer.loadtest.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads {@code maxSustainableRateHz} from a {@code capacity.json} written by the {@code capacity} command. */
public final class CapacityFile {
    private CapacityFile() {
    }

    /** The measured capacity in requests per second; the message names the file and the problem. */
    public static double maxSustainableRateHz(Path file) throws IOException {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("--capacity " + file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode v = n == null ? null : n.get("maxSustainableRateHz");
        if (v == null || !v.isNumber() || !(v.asDouble() > 0)) {
            throw new IOException("--capacity " + file + ": no positive maxSustainableRateHz (did the search pass?)");
        }
        return v.asDouble();
    }
}
