package org.wsinfer.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsinfer.server.ServerConfig;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serve command's TLS, token, origin and per-address options, the token environment variables, exit code 2. */
class ServeSecurityOptionsTest {
    @TempDir
    Path dir;

    private static ServerConfig parse(Map<String, String> env, String... args) {
        ServeCommand cmd = new ServeCommand();
        cmd.env = env::get;
        new CommandLine(cmd).parseArgs(args);
        return cmd.toConfig();
    }

    @Test
    void optionsMapOntoTheConfiguration() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "  hs-token-1\n");
        Path admin = Files.writeString(dir.resolve("admin"), "adm-token-2");
        ServerConfig c = parse(Map.of(), "--tls-cert", "c.pem", "--tls-key", "k.pem", "--auth-token-file",
                token.toString(), "--admin-token-file", admin.toString(), "--allowed-origins",
                "https://a.example,http://127.0.0.1:3000", "--max-connections-per-address", "5");
        assertEquals(Path.of("c.pem"), c.tlsCert());
        assertEquals(Path.of("k.pem"), c.tlsKey());
        assertTrue(c.tls());
        assertEquals("hs-token-1", c.authToken());
        assertEquals("adm-token-2", c.adminToken());
        assertEquals(List.of("https://a.example", "http://127.0.0.1:3000"), c.allowedOrigins());
        assertEquals(5, c.maxConnectionsPerAddress());
        assertFalse(c.toString().contains("hs-token-1"));
        assertFalse(c.toString().contains("adm-token-2"));
    }

    @Test
    void theDefaultsAreOffAndTheEnvironmentSuppliesTokens() throws Exception {
        ServerConfig none = parse(Map.of());
        assertFalse(none.tls());
        assertNull(none.authToken());
        assertNull(none.adminToken());
        assertTrue(none.allowedOrigins().isEmpty());
        assertEquals(0, none.maxConnectionsPerAddress());
        ServerConfig env = parse(Map.of(ServeCommand.AUTH_TOKEN_ENV, "env-hs", ServeCommand.ADMIN_TOKEN_ENV, "env-adm"));
        assertEquals("env-hs", env.authToken());
        assertEquals("env-adm", env.adminToken());
        Path token = Files.writeString(dir.resolve("token"), "file-hs");
        assertEquals("file-hs", parse(Map.of(ServeCommand.AUTH_TOKEN_ENV, "env-hs"), "--auth-token-file",
                token.toString()).authToken(), "the file wins over the environment");
    }

    @Test
    void badTokenFilesAndHalfTlsAreRefusedNamingTheFile() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path twoLines = Files.writeString(dir.resolve("two"), "a\nb\n");
        Path missing = dir.resolve("missing");
        for (Path bad : new Path[] {empty, twoLines, missing}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parse(Map.of(), "--auth-token-file", bad.toString()));
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--tls-cert", "c.pem"));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--max-connections-per-address", "-2"));
    }

    @Test
    void unusableTlsFilesExitWith2() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new org.wsinfer.server.Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key\n");
        assertEquals(2, cl.execute("serve", "--port", "0", "--model", "echo", "--tls-cert", cert.toString(),
                "--tls-key", key.toString()));
        assertTrue(err.toString().contains(cert.toString()), err.toString());
        assertEquals(2, cl.execute("serve", "--port", "0", "--model", "echo", "--auth-token-file",
                dir.resolve("none").toString()));
        assertTrue(err.toString().contains("--auth-token-file"), err.toString());
    }
}
