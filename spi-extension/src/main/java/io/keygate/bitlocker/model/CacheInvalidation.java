package io.keygate.bitlocker.model;

import java.util.Collection;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * Keeps every node's {@link NodeCache}s true to what is committed: a change drops its entries once its
 * transaction has ended — on this node directly, on the others through Keycloak's {@code ClusterProvider} — and
 * each node listens for the others' changes from its start ({@link #listen}).
 */
public final class CacheInvalidation {

    private static final Logger LOG = Logger.getLogger(CacheInvalidation.class);

    private CacheInvalidation() {
    }

    /**
     * From the node's start: the other nodes' changes drop this node's entries, and a removed realm's entries go
     * (a realm imported again with the ID of a removed one must not find the removed realm's cached state).
     */
    public static void listen(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                afterCompletion(removed.getKeycloakSession(), null, removed.getRealm());
            } else if (event instanceof PostMigrationEvent) {
                // Once every provider has started, before the first request: in a cluster, reaching ClusterProvider
                // starts Infinispan's transport, whose discovery (JDBC_PING) needs the database, which is not set up
                // while factories still start (a node then fails to start: "emf is null").
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                        .registerListener(CacheInvalidationEvent.TASK_KEY, clustered -> {
                            if (clustered instanceof CacheInvalidationEvent changed && changed.realmId() != null) {
                                invalidateHere(changed);
                            }
                        }));
            }
        });
    }

    /**
     * Drops every entry of the realm in {@code cache} ({@code null}: in every cache) everywhere after the session's
     * transaction ends. After a rollback too: a load in this transaction may have seen the write that was rolled
     * back. Once per cache, realm and session.
     */
    public static void afterCompletion(KeycloakSession session, NodeCache<?> cache, RealmModel realm) {
        if (wroteIn(session, cache, realm)) {
            return;
        }
        session.setAttribute(enlistedKey(cache, realm), Boolean.TRUE);
        String realmId = realm.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                everywhere(session, cache, realmId, List.of());
            }

            @Override
            protected void rollbackImpl() {
                everywhere(session, cache, realmId, List.of());
            }
        });
    }

    /** Whether this session changed the realm's state in {@code cache}: what it reads then is its own, not yet committed. */
    public static boolean wroteIn(KeycloakSession session, NodeCache<?> cache, RealmModel realm) {
        return session.getAttribute(enlistedKey(cache, realm)) != null;
    }

    private static String enlistedKey(NodeCache<?> cache, RealmModel realm) {
        return "bitlocker.cache.invalidation." + (cache == null ? "*" : cache.name()) + "." + realm.getId();
    }

    /**
     * Drops the entries now, here and on the other nodes: for a transaction that has ended (its after-completion
     * step). {@code ids} empty: every entry of the realm; {@code cache} null: in every cache.
     */
    public static void everywhere(KeycloakSession session, NodeCache<?> cache, String realmId, Collection<String> ids) {
        CacheInvalidationEvent event = new CacheInvalidationEvent(realmId, cache == null ? null : cache.name(), List.copyOf(ids));
        invalidateHere(event);
        try {
            session.getProvider(ClusterProvider.class).notify(CacheInvalidationEvent.TASK_KEY, event, true,
                    ClusterProvider.DCNotify.ALL_DCS);
        } catch (RuntimeException e) {
            // The change is committed; a node that missed it serves its copy until the entry expires (NodeCache).
            LOG.warnf("The other nodes were not told of a change of realm %s (%s): %s", realmId,
                    cache == null ? "all caches" : cache.name(), e.toString());
        }
    }

    static void invalidateHere(CacheInvalidationEvent event) {
        if (event.cache() == null) {
            NodeCache.all().forEach(c -> c.invalidate(event.realmId(), List.of()));
            return;
        }
        NodeCache<?> cache = NodeCache.byName(event.cache());
        if (cache != null) {
            cache.invalidate(event.realmId(), event.ids());
        }
    }
}
