package org.wsinfer.server.swap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * What {@code POST /v1/model/reload} asks for: a model directory ({@code null} = reload the current one) and whether
 * to swap even when the input_dim differs or the version is the one already served.
 *
 * @param dir   the directory to load, or {@code null} for the directory of the served model
 * @param force swap even across an input_dim change or to the same version
 */
public record ReloadRequest(Path dir, boolean force) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Parses a reload body: empty (or whitespace) or {@code {"dir":"/path"}}; anything else is a 400 refusal. */
    public static ReloadRequest parse(String body, boolean force) throws SwapRefusedException {
        if (body == null || body.isBlank()) {
            return new ReloadRequest(null, force);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SwapRefusedException(SwapRefusedException.BAD_REQUEST,
                    "reload body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SwapRefusedException(SwapRefusedException.BAD_REQUEST,
                    "reload body must be empty or a JSON object {\"dir\":\"/path\"}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!"dir".equals(key)) {
                throw new SwapRefusedException(SwapRefusedException.BAD_REQUEST,
                        "unknown field \"" + key + "\" in the reload body (allowed: dir)");
            }
        }
        JsonNode dir = root.get("dir");
        if (dir == null || dir.isNull()) {
            return new ReloadRequest(null, force);
        }
        if (!dir.isTextual() || dir.textValue().isBlank()) {
            throw new SwapRefusedException(SwapRefusedException.BAD_REQUEST, "\"dir\" must be a non-empty string");
        }
        try {
            return new ReloadRequest(Path.of(dir.textValue()), force);
        } catch (InvalidPathException e) {
            throw new SwapRefusedException(SwapRefusedException.BAD_REQUEST, "\"dir\" is not a path: " + e.getMessage());
        }
    }
}
