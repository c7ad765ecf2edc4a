package io.keygate.bitlocker.it.support.server;

import io.keygate.bitlocker.audit.AuditChain;
import io.keygate.bitlocker.audit.ChainVerifier;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditStoreProvider;
import io.keygate.bitlocker.model.AuditVerification;
import io.keygate.bitlocker.model.ChainHead;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
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

    /**
     * Rewrites the reason of the realm's entry at {@code seq} and recomputes that entry's own hash, and no other: the
     * entry holds together, the next one's link to it does not.
     */
    public static RunOnServer rewriteReasonAndHash(String realmId, long seq, String reason) {
        return session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            AuditEntry e = session.getProvider(AuditStoreProvider.class).chain(realm, seq - 1, 1).get(0);
            AuditEntry view = withReason(e, reason);
            session.getProvider(JpaConnectionProvider.class).getEntityManager()
                    .createNativeQuery("UPDATE BLK_AUDIT_ENTRY SET REASON = ?1, HASH = ?2 WHERE ID = ?3")
                    .setParameter(1, reason).setParameter(2, AuditChain.hash(e.prevHash(), view)).setParameter(3, e.id())
                    .executeUpdate();
        };
    }

    /** Removes the realm's chain (entries and head): the next appended entry starts a new one. */
    public static RunOnServer removeChain(String realmId) {
        return session -> {
            var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            em.createNativeQuery("DELETE FROM BLK_AUDIT_ENTRY WHERE REALM_ID = ?1").setParameter(1, realmId).executeUpdate();
            em.createNativeQuery("DELETE FROM BLK_AUDIT_CHAIN WHERE REALM_ID = ?1").setParameter(1, realmId).executeUpdate();
        };
    }

    /** The id of the realm's entry at {@code seq}. */
    public static FetchOnServer entryAt(String realmId, long seq) {
        return session -> (String) session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT ID FROM BLK_AUDIT_ENTRY WHERE REALM_ID = ?1 AND SEQ = ?2")
                .setParameter(1, realmId).setParameter(2, seq).getSingleResult();
    }

    /** The realm's chain verified in {@code segments} segments: intact, entries, brokenAt, head id and hash. */
    public static FetchOnServer verifiedInSegments(String realmId, int segments) {
        return session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            AuditVerification v = new ChainVerifier(session, realm)
                    .verify(session.getProvider(AuditStoreProvider.class).getHead(realm), segments);
            return v.intact() + "," + v.entries() + "," + v.brokenAt() + ","
                    + (v.head() == null ? null : v.head().id() + "," + v.head().hash());
        };
    }

    public static RunOnServer removeEntry(String entryId) {
        return session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("DELETE FROM BLK_AUDIT_ENTRY WHERE ID = ?1").setParameter(1, entryId).executeUpdate();
    }

    /**
     * What an attacker with write access to the database would do: rewrite an old entry's reason, then
     * recompute every later hash and the chain head so the chain verifies again on its own.
     */
    public static RunOnServer rewriteHistory(String realmId, String entryId, String reason) {
        return session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            String prev = ChainHead.GENESIS;
            boolean rewriting = false;
            for (AuditEntry e : session.getProvider(AuditStoreProvider.class).chain(realm, 0, 1_000_000)) {
                rewriting |= e.id().equals(entryId);
                if (!rewriting) {
                    prev = e.hash();
                    continue;
                }
                AuditEntry view = e.id().equals(entryId) ? withReason(e, reason) : e;
                String hash = AuditChain.hash(prev, view);
                em.createNativeQuery("UPDATE BLK_AUDIT_ENTRY SET REASON = ?1, PREV_HASH = ?2, HASH = ?3 WHERE ID = ?4")
                        .setParameter(1, view.reason()).setParameter(2, prev).setParameter(3, hash)
                        .setParameter(4, e.id()).executeUpdate();
                prev = hash;
            }
            em.createNativeQuery("UPDATE BLK_AUDIT_CHAIN SET LAST_HASH = ?1 WHERE REALM_ID = ?2")
                    .setParameter(1, prev).setParameter(2, realmId).executeUpdate();
        };
    }

    private static AuditEntry withReason(AuditEntry e, String reason) {
        return new AuditEntry(e.id(), e.realmId(), e.seq(), e.time(), e.action(), e.outcome(), e.code(), e.actor(),
                e.source(), e.deviceId(), e.deviceName(), e.keyId(), e.ticket(), reason, e.acr(), e.approval(),
                e.keyPackage(), e.campaignId(), e.prevHash(), e.hash());
    }
}
