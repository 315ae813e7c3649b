package dev.starkbot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate for 127.0.0.1, so that the fake Claude speaks https as the real one does. It matters for
 * what is measured: over https StarkBot sets its sockets up itself (Nagle off); over plain http Anthropic's SDK does
 * not let it, and every request larger than 8 KiB then waits for a delayed acknowledgement (about 40 ms), which no
 * one talking to the real Claude pays. Made with the JDK's {@code keytool}; StarkBot trusts it through
 * {@link #jvmOptions()}, the harness through {@link #client()}.
 *
 * @param keyStore   the key and certificate, for the fake
 * @param trustStore the certificate alone, for the clients
 */
record BenchTls(Path keyStore, Path trustStore) {

    private static final String PASSWORD = "bench-only-not-a-secret";

    static BenchTls create(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path keys = directory.resolve("fake-claude.p12");
        Path trust = directory.resolve("fake-claude-trust.p12");
        Path certificate = directory.resolve("fake-claude.cer");
        for (Path old : List.of(keys, trust, certificate)) {
            Files.deleteIfExists(old);
        }
        keytool("-genkeypair", "-alias", "fake", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keys.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "fake", "-keystore", keys.toString(), "-storepass", PASSWORD, "-file",
                certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "fake", "-file", certificate.toString(), "-keystore",
                trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new BenchTls(keys, trust);
    }

    /** For the fake's server socket. */
    SSLContext server() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** For the harness's own calls to the fake. */
    SSLContext client() throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Makes a StarkBot process trust the fake (and nothing else: the benchmarks reach no real service). */
    List<String> jvmOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Java.tool("keytool")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }
}
