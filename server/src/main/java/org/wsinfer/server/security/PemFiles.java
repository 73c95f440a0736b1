package org.wsinfer.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a PEM certificate chain and an unencrypted PKCS#8 PEM private key (RSA, EC or Ed25519) with the JDK. */
public final class PemFiles {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448"};

    private PemFiles() {
    }

    /** The certificates of {@code file}, leaf first; fails naming the file when there are none. */
    public static List<X509Certificate> certificates(Path file) throws SecurityConfigException {
        requireReadable(file, "tls-cert");
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) c);
            }
        } catch (IOException | CertificateException e) {
            throw new SecurityConfigException("tls-cert " + file + ": not a PEM certificate chain ("
                    + e.getMessage() + ")", e);
        }
        if (chain.isEmpty()) {
            throw new SecurityConfigException("tls-cert " + file + ": holds no certificate");
        }
        return chain;
    }

    /** The private key of {@code file}; fails naming the file for other PEM types or an unreadable key. */
    public static PrivateKey privateKey(Path file) throws SecurityConfigException {
        requireReadable(file, "tls-key");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SecurityConfigException("tls-key " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            String hint = text.contains("ENCRYPTED PRIVATE KEY") ? "an encrypted key is not supported"
                    : text.contains("RSA PRIVATE KEY") || text.contains("EC PRIVATE KEY")
                    ? "a PKCS#1/SEC1 key: convert it with 'openssl pkcs8 -topk8 -nocrypt'"
                    : "no '-----BEGIN PRIVATE KEY-----' block";
            throw new SecurityConfigException("tls-key " + file + ": not an unencrypted PKCS#8 PEM key (" + hint + ")");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new SecurityConfigException("tls-key " + file + ": bad base64 in the key block", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new SecurityConfigException("tls-key " + file + ": not an RSA, EC or EdDSA PKCS#8 key");
    }

    private static void requireReadable(Path file, String option) throws SecurityConfigException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SecurityConfigException(option + " " + file + ": not a readable file");
        }
    }
}
