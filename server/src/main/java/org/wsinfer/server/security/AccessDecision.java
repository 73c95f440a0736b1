package org.wsinfer.server.security;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What the access policy says about one HTTP request: allowed, or refused with a status (401, 403) and a reason
 * for the client (never containing a secret).
 *
 * @param status {@code null} when allowed, else the refusal's status
 * @param reason why it was refused (empty when allowed)
 * @param challenge the {@code WWW-Authenticate} value of a 401, else {@code null}
 */
public record AccessDecision(HttpResponseStatus status, String reason, String challenge) {
    /** The decision that lets the request through. */
    public static final AccessDecision ALLOW = new AccessDecision(null, "", null);

    /** A 401 with a Bearer challenge ({@code invalidToken}: a token was presented but is wrong). */
    public static AccessDecision unauthorized(String reason, boolean invalidToken) {
        String challenge = invalidToken ? "Bearer realm=\"wsinfer\", error=\"invalid_token\"" : "Bearer realm=\"wsinfer\"";
        return new AccessDecision(HttpResponseStatus.UNAUTHORIZED, reason, challenge);
    }

    /** A 403. */
    public static AccessDecision forbidden(String reason) {
        return new AccessDecision(HttpResponseStatus.FORBIDDEN, reason, null);
    }

    /** Whether the request may proceed. */
    public boolean allowed() {
        return status == null;
    }
}
