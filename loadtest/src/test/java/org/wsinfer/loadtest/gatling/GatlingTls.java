package org.wsinfer.loadtest.gatling;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The simulations' {@code wss://} trust check. Gatling's own connections use Gatling's TLS settings
 * ({@code gatling.ssl.*}; by default a trust-all manager, and Gatling reads them before any simulation code runs),
 * so before the run this class makes one JDK TLS handshake with hostname verification, trusting
 * {@code wsinfer.trustCert} (or the JDK's trust store): a server whose certificate is not the trusted one fails the
 * simulation at {@code before()} instead of being load-tested. {@code wsinfer.insecure=true} skips the check.
 */
public final class GatlingTls {
    private GatlingTls() {
    }

    /** Checks the certificate of {@code uri} when it is {@code wss://}; throws {@link IllegalStateException} if untrusted. */
    public static void checkServerCertificate(GatlingSettings settings, URI uri) {
        if (!"wss".equalsIgnoreCase(uri.getScheme()) || settings.insecure()) {
            return;
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        try {
            SSLContext ctx = context(settings.trustCert());
            try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), 5_000);
                socket.setSoTimeout(5_000);
                SSLParameters p = socket.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(p);
                socket.startHandshake();
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the certificate of " + uri + " is not trusted ("
                    + (settings.trustCert() == null ? "JDK trust store" : GatlingSettings.PREFIX + "trustCert "
                    + settings.trustCert()) + "): " + e.getMessage() + "; set " + GatlingSettings.PREFIX
                    + "trustCert=PEM or " + GatlingSettings.PREFIX + "insecure=true", e);
        }
    }

    private static SSLContext context(Path trustCert) throws IOException, GeneralSecurityException {
        if (trustCert == null) {
            return SSLContext.getDefault();
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(trustCert)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("trusted-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
