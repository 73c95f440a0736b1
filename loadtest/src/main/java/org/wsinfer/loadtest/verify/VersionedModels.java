package org.wsinfer.loadtest.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code --verify-versions DIR}: the reference models of every model folder below {@code DIR}, keyed by the
 * {@code version} of each folder's {@code model.json}, so that answers can be checked against the version they name.
 */
public final class VersionedModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VersionedModels() {
    }

    /** Loads every sub-folder of {@code dir} that holds a model.json; two folders with one version are an error. */
    public static Map<Integer, ReferenceModel> load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("--verify-versions " + dir + ": not a directory");
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isRegularFile(p.resolve("model.json"))).sorted().forEach(folders::add);
        }
        Map<Integer, ReferenceModel> byVersion = new TreeMap<>();
        Map<Integer, Path> from = new TreeMap<>();
        for (Path f : folders) {
            int version = version(f.resolve("model.json"));
            Path before = from.put(version, f);
            if (before != null) {
                throw new IOException("--verify-versions: " + before + " and " + f + " both have version " + version);
            }
            byVersion.put(version, ReferenceModel.load(f));
        }
        if (byVersion.isEmpty()) {
            throw new IOException("--verify-versions " + dir + ": no sub-folder holds a model.json");
        }
        return byVersion;
    }

    private static int version(Path modelJson) throws IOException {
        JsonNode n = JSON.readTree(modelJson.toFile());
        JsonNode v = n == null ? null : n.get("version");
        if (v == null || !v.canConvertToInt()) {
            throw new IOException(modelJson + ": no integer \"version\"");
        }
        return v.intValue();
    }
}
