package org.wsinfer.server.swap;

import org.wsinfer.server.model.Model;
import org.wsinfer.server.model.ModelDirectory;
import org.wsinfer.server.model.ModelException;

import java.nio.file.Path;

/** Loads and validates the model of a directory (the server uses {@link ModelDirectory#load}). */
@FunctionalInterface
public interface ModelLoader {
    /** The production loader: {@link ModelDirectory#load(Path)}. */
    ModelLoader DIRECTORY = ModelDirectory::load;

    /** Loads the model in {@code dir}; the exception names the file and the problem. */
    Model load(Path dir) throws ModelException;
}
