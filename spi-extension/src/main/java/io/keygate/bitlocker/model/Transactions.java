package io.keygate.bitlocker.model;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Work that must commit on its own: in a fresh session and transaction, with the realm as context. */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);

    private Transactions() {
    }

    /** Runs {@code work} in its own committed transaction; {@code null} when the realm is gone. */
    public static <T> T inRealm(KeycloakSessionFactory factory, String realmId,
            BiFunction<KeycloakSession, RealmModel, T> work) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return null;
            }
            session.getContext().setRealm(realm);
            return work.apply(session, realm);
        });
    }

    /**
     * Runs {@code then} once the session's transaction has committed, never after a rollback: for what must not count
     * work that may still be undone (a metric), or that may run again in another transaction.
     */
    public static void afterCommit(KeycloakSession session, Runnable then) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                then.run();
            }

            @Override
            protected void rollbackImpl() {
                // undone: nothing to count
            }
        });
    }

    /**
     * One transaction per item, so one item's failure neither rolls back nor holds up the others
     * (background tasks: annotations to deliver, realms to tidy).
     */
    public static void eachInOwnTransaction(KeycloakSessionFactory factory, List<String> ids, String what,
            BiConsumer<KeycloakSession, String> work) {
        for (String id : ids) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> work.accept(session, id));
            } catch (RuntimeException e) {
                LOG.warnf("%s %s could not be processed: %s", what, id, e.toString());
            }
        }
    }
}
