package org.wsinfer.server.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** Reads the token of an {@code Authorization: Bearer <token>} header (RFC 6750; the scheme is case-insensitive). */
public final class BearerCredentials {
    private static final String SCHEME = "Bearer";

    private BearerCredentials() {
    }

    /** The presented bearer token, or {@code null} when there is no Authorization header or it is not Bearer. */
    public static String token(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (value == null || value.length() <= SCHEME.length()
                || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || value.charAt(SCHEME.length()) != ' ') {
            return null;
        }
        String token = value.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
