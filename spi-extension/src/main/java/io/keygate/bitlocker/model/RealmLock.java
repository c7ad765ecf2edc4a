package io.keygate.bitlocker.model;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's serialisation lock: one row per realm that every node agrees on, held until the
 * transaction ends. It is the head of the realm's audit chain ({@link AuditStoreProvider#lockHead}),
 * because every change worth serialising is audited and so has to take that row anyway; one lock
 * for all of them also means they cannot deadlock on each other. Work that must see the realm stand
 * still takes it first: a KEK rotation against concurrent escrows, a rate or reuse limit counted
 * against the releases it limits, a one-time configuration upgrade against its concurrent readers.
 */
public final class RealmLock {

    private RealmLock() {
    }

    /**
     * Takes the lock for the rest of this transaction: from here on no other holder and no audit
     * appender, on any node, can commit, so what is read now stays true until this transaction ends.
     */
    public static void hold(KeycloakSession session, RealmModel realm) {
        session.getProvider(AuditStoreProvider.class).lockHead(realm);
    }

    /**
     * Takes the lock as this transaction commits, after its other writes (Keycloak's prepare phase): for work
     * that writes a realm's rows without holding the lock while it works, such as a sync page. It then commits
     * only while the realm stands — a realm's removal deletes its rows under this lock — so nothing it writes
     * outlives the realm.
     */
    public static void atCommit(KeycloakSession session, RealmModel realm) {
        atCommit(session, realm, () -> { });
    }

    /**
     * As {@link #atCommit(KeycloakSession, RealmModel)}, then {@code work} under the lock: a write that must be made
     * under it (a campaign's progress) by work that does not hold it while it works.
     */
    public static void atCommit(KeycloakSession session, RealmModel realm, Runnable work) {
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                hold(session, realm);
                work.run();
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }
}
