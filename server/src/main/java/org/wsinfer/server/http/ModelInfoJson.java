package org.wsinfer.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.wsinfer.server.inference.ModelHolder;
import org.wsinfer.server.model.Model;

import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code GET /v1/model} body of a served model, also the body of a successful reload or rollback. */
public final class ModelInfoJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelInfoJson() {
    }

    /** {@code {"name","version","input_dim","output_dim","dtype":"float32","loaded_at"}}. */
    public static String of(ModelHolder.Loaded loaded) {
        Model m = loaded.model();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", m.name());
        body.put("version", m.version());
        body.put("input_dim", m.inputDim());
        body.put("output_dim", m.outputDim());
        body.put("dtype", "float32");
        body.put("loaded_at", DateTimeFormatter.ISO_INSTANT.format(loaded.loadedAt()));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"error":"..."}}. */
    public static String error(String message) {
        try {
            return JSON.writeValueAsString(Map.of("error", message == null ? "unknown error" : message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
