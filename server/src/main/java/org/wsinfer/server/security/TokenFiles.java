package org.wsinfer.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a token file ({@code --auth-token-file}, {@code --admin-token-file}): one line, surrounding whitespace dropped. */
public final class TokenFiles {
    /** Largest token file accepted. */
    public static final long MAX_BYTES = 4096;

    private TokenFiles() {
    }

    /** The token in {@code file}; fails naming the file (never the content) when it is unreadable or empty. */
    public static String read(Path file, String option) throws SecurityConfigException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new SecurityConfigException(option + " " + file + ": not a readable file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new SecurityConfigException(option + " " + file + ": larger than " + MAX_BYTES + " bytes");
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new SecurityConfigException(option + " " + file + ": is empty");
            }
            if (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
                throw new SecurityConfigException(option + " " + file + ": holds more than one line");
            }
            return token;
        } catch (IOException e) {
            throw new SecurityConfigException(option + " " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
