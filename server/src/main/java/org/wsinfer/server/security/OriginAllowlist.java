package org.wsinfer.server.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The origins a WebSocket handshake may come from, compared as serialized origins ({@code scheme://host[:port]},
 * case-insensitive, a trailing slash ignored). An empty list allows every origin; a handshake without an
 * {@code Origin} header (a non-browser client) is always allowed; {@code Origin: null} is allowed only if listed.
 */
public final class OriginAllowlist {
    private final Set<String> origins;

    /** An allowlist of {@code origins} (empty = any origin). */
    public OriginAllowlist(List<String> origins) {
        this.origins = origins.stream().map(OriginAllowlist::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a handshake whose Origin header is {@code origin} ({@code null} = absent) may proceed. */
    public boolean allows(String origin) {
        return origin == null || origins.isEmpty() || origins.contains(normalize(origin));
    }

    /** Whether any origin is allowed. */
    public boolean allowsAny() {
        return origins.isEmpty();
    }

    private static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    @Override
    public String toString() {
        return origins.isEmpty() ? "any" : String.join(",", origins);
    }
}
