package io.keygate.bitlocker.it.support.server;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/** Looks into the outboxes inside the server, and leaves in them what a crash would leave. */
public final class Outbox {

    private Outbox() {
    }

    /** The statuses of the queued e-mails of one release, comma-separated ("" when none is left). */
    public static FetchOnServer notificationStatuses(String auditId) {
        return session -> String.join(",", session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT STATUS FROM BLK_NOTIFICATION WHERE AUDIT_ID = ?1 ORDER BY STATUS")
                .setParameter(1, auditId).getResultList().stream().map(String::valueOf).toList());
    }

    /**
     * A ticket annotation as a node leaves it when it goes down mid-delivery: still queued, marked in
     * flight, due now — whether the ticketing system took the comment is unknown.
     */
    public static RunOnServer interruptedAnnotation(String realmId, String auditId, String system, String ticketKey,
            String deviceId, String deviceName, String keyId, String actor) {
        return session -> {
            long now = System.currentTimeMillis();
            session.getProvider(JpaConnectionProvider.class).getEntityManager()
                    .createNativeQuery("INSERT INTO BLK_TICKET_ANNOTATION (ID, REALM_ID, AUDIT_ID, TICKET_SYSTEM, TICKET_KEY,"
                            + " DEVICE_ID, DEVICE_NAME, KEY_ID, ACTOR_USERNAME, RELEASED_AT, STATUS, ATTEMPTS, NEXT_ATTEMPT_AT,"
                            + " IN_FLIGHT_SINCE) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'QUEUED', 0, 0, ?10)")
                    .setParameter(1, java.util.UUID.randomUUID().toString()).setParameter(2, realmId)
                    .setParameter(3, auditId).setParameter(4, system).setParameter(5, ticketKey)
                    .setParameter(6, deviceId).setParameter(7, deviceName).setParameter(8, keyId)
                    .setParameter(9, actor).setParameter(10, now).executeUpdate();
        };
    }
}
