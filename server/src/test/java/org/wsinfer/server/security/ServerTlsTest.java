package org.wsinfer.server.security;

import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS context from PEM files, and a clear message naming the file for every kind of bad file. */
class ServerTlsTest {
    @TempDir
    Path dir;

    @Test
    void aMatchingCertificateAndKeyMakeAServerContext() throws Exception {
        TestCertificates.Pem pem = TestCertificates.write(dir, "good");
        SslContext ctx = ServerTls.context(pem.cert(), pem.key());
        assertTrue(ctx.isServer());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        TestCertificates.Pem a = TestCertificates.write(dir, "a");
        TestCertificates.Pem b = TestCertificates.write(dir, "b");
        assertMessage(() -> ServerTls.context(a.cert(), b.key()), "does not belong", b.key().toString());
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        TestCertificates.Pem old = TestCertificates.write(dir, "old", now.minus(Duration.ofDays(3)),
                now.minus(Duration.ofDays(1)));
        assertMessage(() -> ServerTls.context(old.cert(), old.key()), "expired", old.cert().toString());
    }

    @Test
    void badFilesAreNamed() throws Exception {
        TestCertificates.Pem pem = TestCertificates.write(dir, "good");
        Path missing = dir.resolve("missing.pem");
        assertMessage(() -> ServerTls.context(missing, pem.key()), "not a readable file", missing.toString());
        assertMessage(() -> ServerTls.context(pem.cert(), missing), "not a readable file", missing.toString());
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "hello\n", StandardCharsets.US_ASCII);
        assertMessage(() -> ServerTls.context(junk, pem.key()), "tls-cert", junk.toString());
        assertMessage(() -> ServerTls.context(pem.cert(), junk), "PKCS#8", junk.toString());
        Path pkcs1 = dir.resolve("rsa.key");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertMessage(() -> ServerTls.context(pem.cert(), pkcs1), "openssl pkcs8 -topk8", pkcs1.toString());
        Path badBase64 = dir.resolve("bad.key");
        Files.writeString(badBase64, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertMessage(() -> ServerTls.context(pem.cert(), badBase64), "key", badBase64.toString());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String... parts) {
        SecurityConfigException x = assertThrows(SecurityConfigException.class, e);
        for (String p : parts) {
            assertTrue(x.getMessage().contains(p), x.getMessage() + " lacks " + p);
        }
    }
}
