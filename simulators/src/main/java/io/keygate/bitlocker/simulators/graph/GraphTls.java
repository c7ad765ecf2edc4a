package io.keygate.bitlocker.simulators.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The committed TLS material of the Graph simulator. <strong>Test-only: the private keys are public in the
 * repository; never trust this certificate outside tests and the demo.</strong>
 * <p>
 * Generated once with the JDK's {@code keytool} (RSA 2048, SHA256withRSA, valid 2024-01-01 for 36500 days),
 * store password {@value #STORE_PASSWORD}, under {@code src/main/resources/tls/}:
 * <ul>
 * <li>{@code graph-simulator.p12}, alias {@code graph-simulator}: the HTTPS server certificate, CN=localhost,
 * SAN {@code dns:localhost,ip:127.0.0.1};</li>
 * <li>{@code graph-simulator.pem}: that certificate alone, for a client's trust store (e.g. Keycloak's
 * {@code truststore-paths});</li>
 * <li>{@code graph-client.p12}, alias {@code graph-client}: a client certificate with its key for the
 * certificate credential of an app registration (CN=keygate-graph-client).</li>
 * </ul>
 * Re-create with {@code keytool -genkeypair -alias graph-simulator -keyalg RSA -keysize 2048 -sigalg SHA256withRSA
 * -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -startdate "2024/01/01 00:00:00" -validity 36500
 * -storetype PKCS12 -keystore graph-simulator.p12 -storepass changeit} and
 * {@code keytool -exportcert -rfc -alias graph-simulator -keystore graph-simulator.p12 -storepass changeit
 * -file graph-simulator.pem}.
 */
public final class GraphTls {

    public static final String STORE_PASSWORD = "changeit";
    public static final String SERVER_ALIAS = "graph-simulator";
    public static final String CLIENT_ALIAS = "graph-client";
    private static final String SERVER_STORE = "/tls/graph-simulator.p12";
    private static final String SERVER_PEM = "/tls/graph-simulator.pem";
    private static final String CLIENT_STORE = "/tls/graph-client.p12";

    private GraphTls() {
    }

    /** An SSLContext serving the committed server certificate (for {@code Simulator.startTls}). */
    public static SSLContext serverSslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(SERVER_STORE), STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use " + SERVER_STORE, e);
        }
    }

    /** An SSLContext for clients (e.g. {@code java.net.http.HttpClient}) trusting only the server certificate. */
    public static SSLContext clientSslContext() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(SERVER_ALIAS, serverCertificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust " + SERVER_STORE, e);
        }
    }

    /** The server certificate (CN=localhost). */
    public static X509Certificate serverCertificate() {
        try {
            return (X509Certificate) load(SERVER_STORE).getCertificate(SERVER_ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server certificate as PEM ({@code -----BEGIN CERTIFICATE-----}), as committed. */
    public static String serverCertificatePem() {
        try (InputStream in = resource(SERVER_PEM)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the server certificate PEM to {@code file} (creating parent directories) and returns the file. */
    public static Path writeServerCertificatePem(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, serverCertificatePem(), StandardCharsets.US_ASCII);
        return file;
    }

    /** The committed client certificate and its private key (for a certificate credential). */
    public static ClientCertificate clientCertificate() {
        try {
            KeyStore store = load(CLIENT_STORE);
            return new ClientCertificate((X509Certificate) store.getCertificate(CLIENT_ALIAS),
                    (PrivateKey) store.getKey(CLIENT_ALIAS, STORE_PASSWORD.toCharArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use " + CLIENT_STORE, e);
        }
    }

    /** DER bytes as PEM with this label, 64 characters a line. */
    static String pem(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    private static KeyStore load(String resource) throws GeneralSecurityException {
        try (InputStream in = resource(resource)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = GraphTls.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing classpath resource " + name);
        }
        return in;
    }
}
