package io.keygate.bitlocker.scheduling;

import java.util.List;
import java.util.function.Function;

import io.keygate.bitlocker.model.OutboxItemModel;
import io.keygate.bitlocker.model.OutboxProvider;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Delivers an outbox. Runs on one node of the cluster at a time ({@code ClusterAwareScheduledTaskRunner});
 * each due item is delivered in a transaction of its own, under a row lock, and its new state is
 * committed in the same transaction — so a restart loses none, and a delivered one is not sent again.
 * The one window a restart leaves (the remote side accepted, the node died before the commit) is
 * closed by marking the item in flight in a transaction before the attempt: an item found still in
 * flight is handed to {@link #deliver} as {@code interrupted}.
 */
public abstract class OutboxDelivery<M extends OutboxItemModel> implements ScheduledTask {

    static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);

    private final KeycloakSessionFactory factory;
    private final Class<M> type;
    private final String what;

    protected OutboxDelivery(KeycloakSessionFactory factory, Class<M> type, String what) {
        this.factory = factory;
        this.type = type;
        this.what = what;
    }

    @Override
    public void run(KeycloakSession session) {
        List<String> due = session.getProvider(OutboxProvider.class).getDueIds(type, Time.currentTimeMillis(), BATCH);
        for (String id : due) {
            try {
                deliverIfDue(id);
            } catch (RuntimeException e) {
                LOG.warnf("%s %s could not be processed: %s", what, id, e.toString());
            }
        }
    }

    /**
     * Two transactions: the first marks the item in flight and commits, the second delivers and records
     * the outcome. An item found already in flight was interrupted mid-attempt (a node went down after the
     * remote system may have accepted it): {@link #deliver} is told, so it can look before sending again.
     */
    private void deliverIfDue(String id) {
        Boolean interrupted = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> lockDue(s, id, item -> {
            boolean wasInFlight = item.getInFlightSince() != null;
            item.setInFlightSince(Time.currentTimeMillis());
            return wasInFlight;
        }));
        if (interrupted != null) {
            KeycloakModelUtils.runJobInTransaction(factory, s -> lockDue(s, id, item -> {
                deliver(s, s.getContext().getRealm(), item, Time.currentTimeMillis(), interrupted);
                item.setInFlightSince(null);
                return Boolean.TRUE;
            }));
        }
    }

    /** Applies {@code work} to the item under a lock when it is still queued and due; null when it is not. */
    private Boolean lockDue(KeycloakSession session, String id, Function<M, Boolean> work) {
        M item = session.getProvider(OutboxProvider.class).lock(type, id);
        if (item == null || !item.isQueued() || item.getNextAttemptAt() > Time.currentTimeMillis()) {
            return null; // delivered meanwhile, or not due
        }
        RealmModel realm = session.realms().getRealm(item.getRealmId());
        if (realm == null) {
            return null;
        }
        session.getContext().setRealm(realm);
        return work.apply(item);
    }

    /**
     * Delivers one due item, locked, with its realm as the session's context; sets its new state.
     *
     * @param interrupted whether an earlier attempt was cut off after it may have reached the remote system
     */
    protected abstract void deliver(KeycloakSession session, RealmModel realm, M item, long now, boolean interrupted);

    /** Why an attempt failed: the exception's message, or its type when it has none. */
    protected static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
