package org.wsinfer.server.security;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.wsinfer.server.ServerConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens, the Authorization header, the Origin allowlist and the decisions made from them. */
class AccessPolicyTest {
    private static HttpHeaders headers(String... nameValue) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < nameValue.length; i += 2) {
            h.add(nameValue[i], nameValue[i + 1]);
        }
        return h;
    }

    @Test
    void aSecretTokenMatchesOnlyItselfAndNeverPrintsIt() {
        SecretToken t = SecretToken.of("s3cret-Token");
        assertTrue(t.matches("s3cret-Token"));
        assertFalse(t.matches("s3cret-token"));
        assertFalse(t.matches("s3cret-Token "));
        assertFalse(t.matches("s3cret-Toke"));
        assertFalse(t.matches(""));
        assertFalse(t.matches(null));
        assertFalse(t.toString().contains("s3cret"));
        assertThrows(IllegalArgumentException.class, () -> SecretToken.of(""));
    }

    @Test
    void bearerCredentialsAreReadFromTheAuthorizationHeader() {
        assertEquals("abc", BearerCredentials.token(headers("Authorization", "Bearer abc")));
        assertEquals("abc", BearerCredentials.token(headers("authorization", "bearer   abc ")));
        assertNull(BearerCredentials.token(headers()));
        assertNull(BearerCredentials.token(headers("Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l")));
        assertNull(BearerCredentials.token(headers("Authorization", "Bearer")));
        assertNull(BearerCredentials.token(headers("Authorization", "Bearer   ")));
        assertNull(BearerCredentials.token(headers("Authorization", "Bearerabc")));
    }

    @Test
    void theOriginAllowlistComparesSerializedOrigins() {
        OriginAllowlist any = new OriginAllowlist(List.of());
        assertTrue(any.allowsAny());
        assertTrue(any.allows("https://evil.example"));
        OriginAllowlist list = new OriginAllowlist(List.of("https://app.example", "http://127.0.0.1:8080"));
        assertTrue(list.allows(null), "a handshake without Origin (not a browser) passes");
        assertTrue(list.allows("https://app.example"));
        assertTrue(list.allows("HTTPS://APP.example/"));
        assertTrue(list.allows("http://127.0.0.1:8080"));
        assertFalse(list.allows("http://127.0.0.1:8081"));
        assertFalse(list.allows("https://app.example.evil.example"));
        assertFalse(list.allows("http://app.example"));
        assertFalse(list.allows("null"));
        assertFalse(list.allows(""));
    }

    @Test
    void handshakeDecisionsCheckTheOriginThenTheToken() {
        AccessPolicy p = AccessPolicy.from(ServerConfig.builder().authToken("hs-token").adminToken("admin-token")
                .allowedOrigins(List.of("https://app.example")).build());
        assertTrue(p.checkHandshake(headers("Authorization", "Bearer hs-token")).allowed());
        assertTrue(p.checkHandshake(headers("Authorization", "Bearer hs-token", "Origin", "https://app.example"))
                .allowed());
        AccessDecision missing = p.checkHandshake(headers());
        assertEquals(HttpResponseStatus.UNAUTHORIZED, missing.status());
        assertEquals("Bearer realm=\"wsinfer\"", missing.challenge());
        AccessDecision wrong = p.checkHandshake(headers("Authorization", "Bearer admin-token"));
        assertEquals(HttpResponseStatus.UNAUTHORIZED, wrong.status());
        assertTrue(wrong.challenge().contains("invalid_token"));
        AccessDecision origin = p.checkHandshake(headers("Authorization", "Bearer hs-token", "Origin",
                "https://evil.example"));
        assertEquals(HttpResponseStatus.FORBIDDEN, origin.status());
        assertFalse(origin.reason().contains("hs-token"));
    }

    @Test
    void adminDecisionsNeedTheAdminToken() {
        AccessPolicy p = AccessPolicy.from(ServerConfig.builder().authToken("hs-token").adminToken("admin-token")
                .build());
        assertTrue(p.checkAdmin(headers("Authorization", "Bearer admin-token")).allowed());
        assertEquals(HttpResponseStatus.UNAUTHORIZED, p.checkAdmin(headers()).status());
        assertEquals(HttpResponseStatus.UNAUTHORIZED, p.checkAdmin(headers("Authorization", "Bearer hs-token")).status());
        AccessPolicy open = AccessPolicy.from(ServerConfig.builder().build());
        assertTrue(open.checkAdmin(headers()).allowed(), "without an admin token the check is off");
        assertTrue(open.checkHandshake(headers("Origin", "https://any.example")).allowed());
        assertFalse(open.handshakeTokenRequired());
        assertFalse(open.adminTokenRequired());
    }

    @Test
    void theConfigurationMasksTokensAndValidatesThem() {
        ServerConfig c = ServerConfig.builder().authToken("hs-token-123").adminToken("admin-token-456")
                .allowedOrigins(List.of("https://a.example")).maxConnectionsPerAddress(4).build();
        String s = c.toString();
        assertFalse(s.contains("hs-token-123"), s);
        assertFalse(s.contains("admin-token-456"), s);
        assertTrue(s.contains("authToken=***") && s.contains("adminToken=***"), s);
        assertTrue(s.contains("allowedOrigins=https://a.example") && s.contains("maxConnectionsPerAddress=4"), s);
        assertTrue(ServerConfig.builder().build().toString().contains("authToken=none"));
        assertEquals(c.toString(), c.toBuilder().build().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().authToken("has space").build());
        assertFalse(e.getMessage().contains("has space"), "the message never shows the token");
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().adminToken("").build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().maxConnectionsPerAddress(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().allowedOrigins(List.of(" https://a.example")).build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().tlsCert(java.nio.file.Path.of("c.pem")).build());
    }
}
