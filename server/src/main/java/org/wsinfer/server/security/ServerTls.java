package org.wsinfer.server.security;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

/**
 * The server's TLS context ({@code serve --tls-cert PEM --tls-key PEM}): the JDK provider, TLS 1.3 and 1.2, no client
 * certificates. Refuses, naming the file, a key that does not belong to the leaf certificate or a certificate that
 * has expired.
 */
public final class ServerTls {
    /** Protocols offered. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    /** Builds the context of {@code certPem} (chain, leaf first) and {@code keyPem} (PKCS#8). */
    public static SslContext context(Path certPem, Path keyPem) throws SecurityConfigException {
        List<X509Certificate> chain = PemFiles.certificates(certPem);
        PrivateKey key = PemFiles.privateKey(keyPem);
        X509Certificate leaf = chain.get(0);
        if (leaf.getNotAfter().before(new Date())) {
            throw new SecurityConfigException("tls-cert " + certPem + ": expired on " + leaf.getNotAfter().toInstant());
        }
        if (!belongTogether(key, leaf.getPublicKey())) {
            throw new SecurityConfigException("tls-key " + keyPem + " does not belong to the certificate in " + certPem);
        }
        try {
            return SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .clientAuth(ClientAuth.NONE)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new SecurityConfigException("tls: cannot use " + certPem + " with " + keyPem + ": " + e.getMessage(), e);
        }
    }

    /** Signs a probe with {@code key} and verifies it with {@code pub}. */
    private static boolean belongTogether(PrivateKey key, PublicKey pub) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = "wsinfer key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pub);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
