package io.keygate.bitlocker.it.support.server;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/** The local vault's rows inside the server: which KEK each ciphertext names, and a row made to name another. */
public final class VaultRows {

    private VaultRows() {
    }

    /** Makes a key's ciphertext name another KEK, as a row left under a retired KEK would. */
    public static RunOnServer nameKek(String keyId, String kekId) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("UPDATE BLK_RECOVERY_KEY SET KEK_ID = ?1 WHERE KEY_ID = ?2")
                .setParameter(1, kekId).setParameter(2, keyId).executeUpdate();
    }

    /** The KEK a key's ciphertext names. */
    public static FetchOnServer kekOf(String keyId) {
        return session -> String.valueOf(session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT KEK_ID FROM BLK_RECOVERY_KEY WHERE KEY_ID = ?1")
                .setParameter(1, keyId).getSingleResult());
    }

    /** The KEK a key's sealed key package names. */
    public static FetchOnServer keyPackageKekOf(String keyId) {
        return session -> String.valueOf(session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT p.KEK_ID FROM BLK_KEY_PACKAGE p, BLK_RECOVERY_KEY k WHERE k.ID = p.KEY_PK AND k.KEY_ID = ?1")
                .setParameter(1, keyId).getSingleResult());
    }

    /** The distinct KEKs the realm's ciphertexts name, comma-separated. */
    public static FetchOnServer keks(String realmId) {
        return session -> String.join(",", session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT DISTINCT KEK_ID FROM BLK_RECOVERY_KEY WHERE REALM_ID = ?1 AND CIPHERTEXT IS NOT NULL")
                .setParameter(1, realmId).getResultList().stream().map(String::valueOf).sorted().toList());
    }
}
