package org.wsinfer.server.security;

import io.netty.handler.ssl.SslContext;
import org.wsinfer.server.ServerConfig;

/**
 * The security parts of one server, made from its configuration before binding: the TLS context ({@code null} for
 * plain {@code ws://}), the access policy and the per-address connection limiter.
 *
 * @param sslContext the TLS context, or {@code null}
 * @param policy     tokens and origins
 * @param limiter    connections per remote address
 */
public record ServerSecurity(SslContext sslContext, AccessPolicy policy, AddressConnectionLimiter limiter) {
    /** Everything {@code config} names, TLS included (reads the PEM files). */
    public static ServerSecurity from(ServerConfig config) throws SecurityConfigException {
        SslContext ssl = config.tls() ? ServerTls.context(config.tlsCert(), config.tlsKey()) : null;
        return new ServerSecurity(ssl, AccessPolicy.from(config),
                new AddressConnectionLimiter(config.maxConnectionsPerAddress()));
    }

    /** The access policy and limiter of {@code config} without TLS (for pipelines built without files). */
    public static ServerSecurity withoutTls(ServerConfig config) {
        return new ServerSecurity(null, AccessPolicy.from(config),
                new AddressConnectionLimiter(config.maxConnectionsPerAddress()));
    }

    /** Whether connections speak TLS. */
    public boolean tls() {
        return sslContext != null;
    }
}
