package io.keygate.bitlocker.scheduling;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.keygate.bitlocker.jpa.OutboxRow;
import io.keygate.bitlocker.jpa.Transactions;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Delivers an outbox. Runs on one node of the cluster at a time ({@code ClusterAwareScheduledTaskRunner});
 * each due row is delivered in a transaction of its own, under a row lock, and its new state is
 * committed in the same transaction — so a restart loses none, and a delivered one is not sent again.
 */
public abstract class OutboxDelivery<E extends OutboxRow> implements ScheduledTask {

    static final int BATCH = 50;

    private final KeycloakSessionFactory factory;
    private final Class<E> type;
    private final String what;

    protected OutboxDelivery(KeycloakSessionFactory factory, Class<E> type, String what) {
        this.factory = factory;
        this.type = type;
        this.what = what;
    }

    @Override
    public void run(KeycloakSession session) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        List<String> due = em.createQuery("select e.id from " + type.getSimpleName() + " e where e.status = :queued"
                        + " and e.nextAttemptAt <= :now order by e.nextAttemptAt", String.class)
                .setParameter("queued", OutboxRow.QUEUED)
                .setParameter("now", Time.currentTimeMillis()).setMaxResults(BATCH).getResultList();
        Transactions.eachInOwnTransaction(factory, due, what, this::deliverIfDue);
    }

    private void deliverIfDue(KeycloakSession session, String id) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        E row = em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
        long now = Time.currentTimeMillis();
        if (row == null || !OutboxRow.QUEUED.equals(row.getStatus()) || row.getNextAttemptAt() > now) {
            return; // another node got there first
        }
        RealmModel realm = session.realms().getRealm(row.getRealmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        deliver(session, realm, row, now);
    }

    /** Delivers one due row, locked, with its realm as the session's context; sets its new state. */
    protected abstract void deliver(KeycloakSession session, RealmModel realm, E row, long now);
}
