package org.wsinfer.server.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.wsinfer.server.ServerConfig;

/**
 * Who may open a WebSocket and who may call the admin endpoints: the optional handshake bearer token (401), the
 * Origin allowlist (403), the optional admin bearer token (401). Without a configured token that check is off.
 */
public final class AccessPolicy {
    private final SecretToken authToken;
    private final SecretToken adminToken;
    private final OriginAllowlist origins;

    /** A policy; {@code null} tokens turn their check off. */
    public AccessPolicy(SecretToken authToken, SecretToken adminToken, OriginAllowlist origins) {
        this.authToken = authToken;
        this.adminToken = adminToken;
        this.origins = origins;
    }

    /** The policy {@code config} names. */
    public static AccessPolicy from(ServerConfig config) {
        return new AccessPolicy(config.authToken() == null ? null : SecretToken.of(config.authToken()),
                config.adminToken() == null ? null : SecretToken.of(config.adminToken()),
                new OriginAllowlist(config.allowedOrigins()));
    }

    /** The decision on a WebSocket handshake with {@code headers}: Origin first (403), then the token (401). */
    public AccessDecision checkHandshake(HttpHeaders headers) {
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (!origins.allows(origin)) {
            return AccessDecision.forbidden("origin not allowed");
        }
        return checkToken(authToken, headers, "a bearer token is required");
    }

    /** The decision on a request to an admin endpoint (model reload, rollback). */
    public AccessDecision checkAdmin(HttpHeaders headers) {
        return checkToken(adminToken, headers, "an admin bearer token is required");
    }

    private static AccessDecision checkToken(SecretToken expected, HttpHeaders headers, String missing) {
        if (expected == null) {
            return AccessDecision.ALLOW;
        }
        String presented = BearerCredentials.token(headers);
        if (presented == null) {
            return AccessDecision.unauthorized(missing, false);
        }
        return expected.matches(presented) ? AccessDecision.ALLOW : AccessDecision.unauthorized("wrong token", true);
    }

    /** Whether the handshake needs a token. */
    public boolean handshakeTokenRequired() {
        return authToken != null;
    }

    /** Whether the admin endpoints need a token. */
    public boolean adminTokenRequired() {
        return adminToken != null;
    }

    @Override
    public String toString() {
        return "AccessPolicy{handshakeToken=" + (authToken != null) + ", adminToken=" + (adminToken != null)
                + ", origins=" + origins + "}";
    }
}
