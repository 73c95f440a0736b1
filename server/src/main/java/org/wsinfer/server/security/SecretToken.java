package org.wsinfer.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bearer token kept only as its SHA-256 digest and compared in constant time ({@link MessageDigest#isEqual}): the
 * digests have a fixed length, so neither the content nor the length of the secret leaks through timing, and
 * {@link #toString()} never shows it.
 */
public final class SecretToken {
    private final byte[] digest;

    private SecretToken(byte[] digest) {
        this.digest = digest;
    }

    /** The token {@code value} (not empty). */
    public static SecretToken of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a token must not be empty");
        }
        return new SecretToken(sha256(value));
    }

    /** Whether {@code presented} is this token; {@code null} never matches. Constant time in the token's content. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SecretToken{***}";
    }
}
