package io.keygate.bitlocker.it.support.server;

import java.util.List;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;

/** Reads, inside the server, what the extension remembers about a realm and what Keycloak keeps as realm attributes. */
public final class RealmStateTable {

    private RealmStateTable() {
    }

    /** The realm's remembered checkpoint issuer ("" when none). */
    public static FetchOnServer checkpointIssuer(String realmId) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT CHECKPOINT_ISSUER FROM BLK_REALM_STATE WHERE REALM_ID = ?1")
                .setParameter(1, realmId).getResultList().stream().filter(v -> v != null).map(String::valueOf)
                .findFirst().orElse("");
    }

    /** When the realm's digest was last due, epoch millis as text ("" when never). */
    public static FetchOnServer digestLastDueAt(String realmId) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT DIGEST_LAST_DUE_AT FROM BLK_REALM_STATE WHERE REALM_ID = ?1")
                .setParameter(1, realmId).getResultList().stream().filter(v -> v != null).map(String::valueOf)
                .findFirst().orElse("");
    }

    /** Names of the realm's attributes in Keycloak's REALM_ATTRIBUTE table that start with "bitlocker", comma-separated. */
    public static FetchOnServer bitLockerRealmAttributes(String realmId) {
        return session -> String.join(",", ((List<?>) session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT NAME FROM REALM_ATTRIBUTE WHERE REALM_ID = ?1 AND LOWER(NAME) LIKE 'bitlocker%'")
                .setParameter(1, realmId).getResultList()).stream().map(String::valueOf).toList());
    }
}
