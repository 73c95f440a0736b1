package org.wsinfer.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Every YAML document of a manifest folder, parsed into typed fabric8 Kubernetes objects. */
final class ManifestSet {
    /** A YAML document separator: a line holding only {@code ---}. */
    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*(#.*)?$");

    /** One parsed document and where it came from ({@code file.yaml#index}). */
    record Document(String source, HasMetadata object) {
        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata() == null ? null : object.getMetadata().getName();
        }
    }

    private final List<Document> documents;

    private ManifestSet(List<Document> documents) {
        this.documents = List.copyOf(documents);
    }

    /** Parses every {@code *.yaml} / {@code *.yml} file of {@code dir}; fails on a document of no registered kind. */
    static ManifestSet load(Path dir) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<Document> docs = new ArrayList<>();
        for (Path file : yamlFiles(dir)) {
            String text = read(file);
            String[] parts = SEPARATOR.split(text);
            for (int i = 0; i < parts.length; i++) {
                if (isBlank(parts[i])) {
                    continue;
                }
                String source = String.format(Locale.US, "%s#%d", file.getFileName(), i);
                Object parsed;
                try {
                    parsed = serialization.unmarshal(parts[i]);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(source + " does not parse: " + e.getMessage(), e);
                }
                if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
                    throw new IllegalStateException(source + " is not a known Kubernetes kind: "
                            + (parsed == null ? "empty" : parsed.getClass().getSimpleName()
                            + (parsed instanceof HasMetadata h ? " " + h.getApiVersion() + "/" + h.getKind() : "")));
                }
                docs.add(new Document(source, object));
            }
        }
        return new ManifestSet(docs);
    }

    /** All documents, in file then document order. */
    List<Document> documents() {
        return documents;
    }

    /** The one object of {@code type} named {@code name}; fails when there is none or more than one. */
    <T extends HasMetadata> T get(Class<T> type, String name) {
        List<T> found = documents.stream()
                .filter(d -> type.isInstance(d.object()) && name.equals(d.name()))
                .map(d -> type.cast(d.object()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(String.format(Locale.US, "expected exactly one %s named %s in the manifests, found %d",
                    type.getSimpleName(), name, found.size()));
        }
        return found.get(0);
    }

    /** Every object of {@code type}. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return documents.stream().map(Document::object).filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for a document of nothing but blank lines and comments. */
    private static boolean isBlank(String doc) {
        return doc.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
    }
}
