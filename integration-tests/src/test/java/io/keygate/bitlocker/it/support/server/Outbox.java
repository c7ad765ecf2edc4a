package io.keygate.bitlocker.it.support.server;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;

/** Looks into the e-mail outbox inside the server. */
public final class Outbox {

    private Outbox() {
    }

    /** The statuses of the queued e-mails of one release, comma-separated ("" when none is left). */
    public static FetchOnServer notificationStatuses(String auditId) {
        return session -> String.join(",", session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT STATUS FROM BLK_NOTIFICATION WHERE AUDIT_ID = ?1 ORDER BY STATUS")
                .setParameter(1, auditId).getResultList().stream().map(String::valueOf).toList());
    }
}
