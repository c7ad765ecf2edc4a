package io.keygate.bitlocker.it.support.server;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;

/** Reads the extension's configuration table inside the server, the way an operator's DBA would. */
public final class ConfigTable {

    private ConfigTable() {
    }

    /** A realm's stored configuration document, secrets as configured ("" when the realm has none). */
    public static FetchOnServer document(String realmId) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT DOCUMENT FROM BLK_REALM_CONFIG WHERE REALM_ID = ?1")
                .setParameter(1, realmId).getResultList().stream().map(String::valueOf).findFirst().orElse("");
    }
}
