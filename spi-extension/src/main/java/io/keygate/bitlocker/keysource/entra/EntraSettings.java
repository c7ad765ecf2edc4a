package io.keygate.bitlocker.keysource.entra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;

/**
 * The {@code entra} section with its secrets looked up (vault references resolved). Never logged as a
 * whole: {@link #toString()} leaves the secrets out.
 */
record EntraSettings(String tenantId, String clientId, String clientSecret, String certificatePem, String authorityHost,
        String graphBaseUrl, String ownerIdentityProvider, String ownerAttribute, int syncIntervalMinutes) {

    static EntraSettings of(RealmConfigStore store, BitLockerConfig config) throws KeySourceUnavailableException {
        BitLockerConfig.Entra e = config.entra;
        String secret = store.resolveSecret(e.clientSecret).orElse("");
        String certificate = store.resolveSecret(e.certificate).orElse("");
        if (e.tenantId.isBlank() || e.clientId.isBlank()) {
            throw new KeySourceUnavailableException("The realm's 'entra' section names no tenantId or clientId.");
        }
        if (secret.isEmpty() && certificate.isEmpty()) {
            throw new KeySourceUnavailableException("The realm's 'entra' section has neither a client secret nor a"
                    + " certificate (or its vault entry is missing).");
        }
        return new EntraSettings(e.tenantId.trim(), e.clientId.trim(), secret, certificate, trimSlash(e.authorityHost) + "/",
                trimSlash(e.graphBaseUrl), e.ownerIdentityProvider, e.ownerAttribute, e.syncIntervalMinutes);
    }

    /**
     * What a cached connection was built from: a new secret or host means a new connection, and so does a
     * new owner setting (the sync and the device view match owners with the connection's settings).
     */
    String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {tenantId, clientId, clientSecret, certificatePem, authorityHost, graphBaseUrl,
                    ownerIdentityProvider, ownerAttribute}) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token scope: Graph's own resource, whatever cloud it is in. */
    String scope() {
        return graphBaseUrl + "/.default";
    }

    @Override
    public String toString() {
        return "EntraSettings[tenantId=" + tenantId + ", clientId=" + clientId + ", authorityHost=" + authorityHost
                + ", graphBaseUrl=" + graphBaseUrl + ", credential=" + (clientSecret.isEmpty() ? "certificate" : "secret") + "]";
    }

    private static String trimSlash(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
