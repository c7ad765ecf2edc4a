package io.keygate.bitlocker.config;

import io.keygate.bitlocker.scheduling.BackgroundWorkProviderFactory;
import io.keygate.bitlocker.scheduling.TaskScheduler;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Keeps every node's {@link RealmConfigCache} true to the stored documents: a change drops the realm's entry
 * once its transaction has ended — on this node directly, on the others through Keycloak's
 * {@code ClusterProvider} — and each node listens for the others' changes from its start.
 */
public class ConfigCacheInvalidation extends BackgroundWorkProviderFactory {

    private static final Logger LOG = Logger.getLogger(ConfigCacheInvalidation.class);

    @Override
    protected void start(TaskScheduler scheduler, Config.Scope options) {
        // A realm imported again with the ID of a removed one must not find the removed realm's document.
        scheduler.factory().register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                afterCompletion(removed.getKeycloakSession(), removed.getRealm());
            }
        });
        KeycloakModelUtils.runJobInTransaction(scheduler.factory(), session -> session.getProvider(ClusterProvider.class)
                .registerListener(ConfigChangedEvent.TASK_KEY, event -> {
                    if (event instanceof ConfigChangedEvent changed && changed.realmId() != null) {
                        RealmConfigCache.NODE.invalidate(changed.realmId());
                    }
                }));
    }

    /**
     * Drops the realm's cached document everywhere after the session's transaction ends. After a rollback too:
     * a load in this transaction may have seen the write that was rolled back. Once per realm and session.
     */
    static void afterCompletion(KeycloakSession session, RealmModel realm) {
        if (wroteIn(session, realm)) {
            return;
        }
        session.setAttribute(enlistedKey(realm), Boolean.TRUE);
        String realmId = realm.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                invalidate(session, realmId);
            }

            @Override
            protected void rollbackImpl() {
                invalidate(session, realmId);
            }
        });
    }

    /** Whether this session changed the realm's document: what it reads then is its own, not yet committed. */
    static boolean wroteIn(KeycloakSession session, RealmModel realm) {
        return session.getAttribute(enlistedKey(realm)) != null;
    }

    private static String enlistedKey(RealmModel realm) {
        return "bitlocker.config.invalidation." + realm.getId();
    }

    private static void invalidate(KeycloakSession session, String realmId) {
        RealmConfigCache.NODE.invalidate(realmId);
        try {
            session.getProvider(ClusterProvider.class).notify(ConfigChangedEvent.TASK_KEY, new ConfigChangedEvent(realmId),
                    true, ClusterProvider.DCNotify.ALL_DCS);
        } catch (RuntimeException e) {
            // The change is committed; a node that missed it serves its copy until the entry expires (RealmConfigCache).
            LOG.warnf("The other nodes were not told of the configuration change of realm %s: %s", realmId, e.toString());
        }
    }

    @Override
    public String getId() {
        return "config-cache-invalidation";
    }
}
