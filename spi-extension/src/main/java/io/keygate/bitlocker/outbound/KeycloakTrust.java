package io.keygate.bitlocker.outbound;

import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.keycloak.models.KeycloakSession;
import org.keycloak.truststore.TruststoreProvider;

/**
 * What the extension's outgoing TLS connections trust: Keycloak's truststore ({@code truststore-paths}),
 * like Keycloak's own clients, else the JVM's default.
 */
public final class KeycloakTrust {

    private KeycloakTrust() {
    }

    /** Keycloak's trust manager; {@code null} when Keycloak has no truststore of its own (then the JVM's default applies). */
    public static X509TrustManager trustManager(KeycloakSession session) {
        TruststoreProvider truststores = session.getProvider(TruststoreProvider.class);
        KeyStore truststore = truststores == null ? null : truststores.getTruststore();
        if (truststore == null) {
            return null;
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(truststore);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Keycloak's truststore cannot be used", e);
        }
    }

    /** A TLS context trusting what Keycloak trusts. */
    public static SSLContext sslContext(KeycloakSession session) {
        try {
            X509TrustManager trust = trustManager(session);
            if (trust == null) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No TLS context for outgoing connections", e);
        }
    }
}
