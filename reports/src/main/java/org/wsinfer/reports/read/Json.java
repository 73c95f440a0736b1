package org.wsinfer.reports.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared Jackson mapper and tolerant accessors for the results files. */
public final class Json {

    /** Strict mapper for our own files (NaN allowed, since JMH writes it). */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Lenient mapper for JavaScript object literals (Gatling's {@code stats.js}). */
    public static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private Json() {
    }

    /** Parses a JSON file, naming the file in any error. */
    public static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "file not found");
        }
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                throw new InputException(file, "empty file");
            }
            return node;
        } catch (IOException e) {
            throw new InputException(file, "not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** A required text field. */
    public static String text(Path file, JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isValueNode() || v.isNull()) {
            throw new InputException(file, "missing field '" + field + "'");
        }
        return v.asText();
    }

    /** A required number field. */
    public static double number(Path file, JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isNumber()) {
            throw new InputException(file, "missing or non-numeric field '" + field + "'");
        }
        return v.asDouble();
    }

    /** An optional number field, NaN when absent or not a number. */
    public static double optNumber(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** An optional integer field. */
    public static long optLong(JsonNode node, String field, long dflt) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asLong() : dflt;
    }

    /** An optional text field. */
    public static String optText(JsonNode node, String field, String dflt) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : dflt;
    }

    /** An optional array of strings. */
    public static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The node, or a missing node when it is null. */
    public static JsonNode orMissing(JsonNode node) {
        return node == null ? MissingNode.getInstance() : node;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
