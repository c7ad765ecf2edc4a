package io.keygate.bitlocker.it.support.server;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.config.RealmConfigStore;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;

/** Reads the extension's configuration table inside the server, the way an operator's DBA would. */
public final class ConfigTable {

    private ConfigTable() {
    }

    /**
     * Makes a realm's stored document say {@code access.clients: []}, as earlier versions stored it by default
     * (it meant: any client), the way a database carried over from such a version holds it. Answers the
     * document written (the extension's background work may upgrade it at once).
     */
    public static FetchOnServer storeEmptyClientList(String realmId) {
        return session -> {
            EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            String document = String.valueOf(em.createNativeQuery("SELECT DOCUMENT FROM BLK_REALM_CONFIG WHERE REALM_ID = ?1")
                    .setParameter(1, realmId).getSingleResult())
                    .replaceAll("\"access\":\\{\"clients\":\\[[^\\]]*\\]\\}", "\"access\":{\"clients\":[]}");
            int rows = em.createNativeQuery("UPDATE BLK_REALM_CONFIG SET DOCUMENT = ?1 WHERE REALM_ID = ?2")
                    .setParameter(1, document).setParameter(2, realmId).executeUpdate();
            // Written past the extension, as a restart onto that database would find it: the node reads it again.
            new RealmConfigStore(session, session.realms().getRealm(realmId)).storedDocumentChanged();
            return rows == 1 ? document : "";
        };
    }

    /** A realm's stored configuration document, secrets as configured ("" when the realm has none). */
    public static FetchOnServer document(String realmId) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT DOCUMENT FROM BLK_REALM_CONFIG WHERE REALM_ID = ?1")
                .setParameter(1, realmId).getResultList().stream().map(String::valueOf).findFirst().orElse("");
    }
}
