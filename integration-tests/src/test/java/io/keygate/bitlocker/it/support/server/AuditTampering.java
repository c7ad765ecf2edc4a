package io.keygate.bitlocker.it.support.server;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/**
 * Code that runs inside the Keycloak server (through the test framework's run-on-server), acting
 * on the database directly the way an attacker or a failing database would. It references only
 * types the server has.
 */
public final class AuditTampering {

    private AuditTampering() {
    }

    /** Rewrites one audit row behind the extension's back. */
    public static RunOnServer rewriteReason(String entryId, String reason) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("UPDATE BLK_AUDIT_ENTRY SET REASON = ?1 WHERE ID = ?2")
                .setParameter(1, reason).setParameter(2, entryId).executeUpdate();
    }

    /**
     * Occupies the next chain position of a realm with a foreign row, so the next append violates
     * the (realm, sequence) uniqueness and cannot commit.
     */
    public static RunOnServer blockNextAppend(String realmId, String blockerId) {
        return session -> {
            var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            Number last = (Number) em.createNativeQuery("SELECT LAST_SEQ FROM BLK_AUDIT_CHAIN WHERE REALM_ID = ?1")
                    .setParameter(1, realmId).getSingleResult();
            em.createNativeQuery("INSERT INTO BLK_AUDIT_ENTRY (ID, REALM_ID, SEQ, EVENT_TIME, ACTION, OUTCOME, SOURCE,"
                            + " PREV_HASH, HASH) VALUES (?1, ?2, ?3, 0, 'BLOCKER', 'ERROR', 'SYSTEM', ?4, ?4)")
                    .setParameter(1, blockerId).setParameter(2, realmId).setParameter(3, last.longValue() + 1)
                    .setParameter(4, "0".repeat(64)).executeUpdate();
        };
    }

    public static RunOnServer removeEntry(String entryId) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("DELETE FROM BLK_AUDIT_ENTRY WHERE ID = ?1").setParameter(1, entryId).executeUpdate();
    }
}
