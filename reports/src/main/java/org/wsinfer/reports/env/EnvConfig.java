package org.wsinfer.reports.env;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/** Configuration of the {@code env} command: where to write env.json, the bench profile and the run's configuration. */
public record EnvConfig(Path outFile, String profile, JsonNode configuration) {

    public EnvConfig {
        if (outFile == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (profile == null || profile.isBlank()) {
            throw new IllegalArgumentException("--profile must not be blank");
        }
        if (configuration == null || !configuration.isObject()) {
            throw new IllegalArgumentException("--config-json must be a JSON object");
        }
    }

    @Override
    public String toString() {
        return "env out=" + outFile + " profile=" + profile + " configuration=" + configuration;
    }
}
