package org.wsinfer.server.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/** The contents of a model directory's {@code model.json}: name, version, input_dim and output_dim, all validated. */
public record ModelMetadata(String name, int version, int inputDim, int outputDim) {

    /** The only keys a model.json may (and must) contain. */
    public static final Set<String> KEYS = Set.of("name", "version", "input_dim", "output_dim");
    /** model.json files larger than this are refused before reading. */
    static final long MAX_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates every field. */
    public ModelMetadata {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty string");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
        if (inputDim < 1) {
            throw new IllegalArgumentException("input_dim must be >= 1, got " + inputDim);
        }
        if (outputDim < 1) {
            throw new IllegalArgumentException("output_dim must be >= 1, got " + outputDim);
        }
        if ((long) inputDim * outputDim > Npy.MAX_ELEMENTS) {
            throw new IllegalArgumentException("input_dim * output_dim = " + (long) inputDim * outputDim
                    + " exceeds " + Npy.MAX_ELEMENTS);
        }
    }

    /** Reads and validates {@code file}; any problem is reported as a ModelException naming the file. */
    public static ModelMetadata read(Path file) throws ModelException {
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ModelException(file, "is " + size + " bytes, larger than the limit of " + MAX_BYTES);
            }
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelException(file, "file not found");
        } catch (AccessDeniedException e) {
            throw new ModelException(file, "permission denied");
        } catch (JsonProcessingException e) {
            throw new ModelException(file, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModelException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ModelException(file, "is empty, expected a JSON object");
        }
        if (!root.isObject()) {
            throw new ModelException(file, "expected a JSON object, got " + root.getNodeType().name().toLowerCase(java.util.Locale.US));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ModelException(file, "unknown field \"" + key + "\" (allowed: name, version, input_dim, output_dim)");
            }
        }
        JsonNode name = required(file, root, "name");
        if (!name.isTextual()) {
            throw new ModelException(file, "field \"name\" must be a string");
        }
        int version = intField(file, root, "version");
        int inputDim = intField(file, root, "input_dim");
        int outputDim = intField(file, root, "output_dim");
        try {
            return new ModelMetadata(name.textValue(), version, inputDim, outputDim);
        } catch (IllegalArgumentException e) {
            throw new ModelException(file, e.getMessage());
        }
    }

    /** Writes this metadata as pretty-printed JSON to {@code file}. */
    public void write(Path file) throws IOException {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", name);
        o.put("version", version);
        o.put("input_dim", inputDim);
        o.put("output_dim", outputDim);
        Files.write(file, MAPPER.writeValueAsBytes(o));
    }

    private static JsonNode required(Path file, JsonNode root, String key) throws ModelException {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw new ModelException(file, "missing field \"" + key + "\"");
        }
        return n;
    }

    private static int intField(Path file, JsonNode root, String key) throws ModelException {
        JsonNode n = required(file, root, key);
        if (!n.isIntegralNumber()) {
            throw new ModelException(file, "field \"" + key + "\" must be an integer, got " + n);
        }
        if (!n.canConvertToInt()) {
            throw new ModelException(file, "field \"" + key + "\" is out of range: " + n);
        }
        return n.intValue();
    }
}
