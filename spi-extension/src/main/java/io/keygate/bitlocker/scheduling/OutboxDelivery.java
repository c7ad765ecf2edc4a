package io.keygate.bitlocker.scheduling;

import java.util.List;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.keygate.bitlocker.jpa.OutboxEntity;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Delivers an outbox. Runs on one node of the cluster at a time ({@code ClusterAwareScheduledTaskRunner});
 * each due row is delivered in a transaction of its own, under a row lock, and its new state is
 * committed in the same transaction — so a restart loses none, and a delivered one is not sent again.
 * The one window a restart leaves (the remote side accepted, the node died before the commit) is
 * closed by marking the row in flight in a transaction before the attempt: a row found still in
 * flight is handed to {@link #deliver} as {@code interrupted}.
 */
public abstract class OutboxDelivery<E extends OutboxEntity> implements ScheduledTask {

    static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);

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
                .setParameter("queued", OutboxEntity.QUEUED)
                .setParameter("now", Time.currentTimeMillis()).setMaxResults(BATCH).getResultList();
        for (String id : due) {
            try {
                deliverIfDue(id);
            } catch (RuntimeException e) {
                LOG.warnf("%s %s could not be processed: %s", what, id, e.toString());
            }
        }
    }

    /**
     * Two transactions: the first marks the row in flight and commits, the second delivers and records
     * the outcome. A row found already in flight was interrupted mid-attempt (a node went down after the
     * remote system may have accepted it): {@link #deliver} is told, so it can look before sending again.
     */
    private void deliverIfDue(String id) {
        Boolean interrupted = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> lockDue(s, id, row -> {
            boolean wasInFlight = row.getInFlightSince() != null;
            row.setInFlightSince(Time.currentTimeMillis());
            return wasInFlight;
        }));
        if (interrupted != null) {
            KeycloakModelUtils.runJobInTransaction(factory, s -> lockDue(s, id, row -> {
                RealmModel realm = s.getContext().getRealm();
                deliver(s, realm, row, Time.currentTimeMillis(), interrupted);
                row.setInFlightSince(null);
                return Boolean.TRUE;
            }));
        }
    }

    /** Applies {@code work} to the row under a lock when it is still queued and due; null when it is not. */
    private Boolean lockDue(KeycloakSession session, String id, Function<E, Boolean> work) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        E row = em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !OutboxEntity.QUEUED.equals(row.getStatus()) || row.getNextAttemptAt() > Time.currentTimeMillis()) {
            return null; // delivered meanwhile, or not due
        }
        RealmModel realm = session.realms().getRealm(row.getRealmId());
        if (realm == null) {
            return null;
        }
        session.getContext().setRealm(realm);
        return work.apply(row);
    }

    /**
     * Delivers one due row, locked, with its realm as the session's context; sets its new state.
     *
     * @param interrupted whether an earlier attempt was cut off after it may have reached the remote system
     */
    protected abstract void deliver(KeycloakSession session, RealmModel realm, E row, long now, boolean interrupted);
}
