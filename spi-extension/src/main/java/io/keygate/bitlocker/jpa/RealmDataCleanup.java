package io.keygate.bitlocker.jpa;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.jpa.entity.BitLockerJpaEntityProvider;
import io.keygate.bitlocker.model.CacheInvalidation;
import io.keygate.bitlocker.model.RealmLock;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * When a realm is removed, its devices, keys, rotations, queued annotations and audit log go with
 * it, in the same transaction — as Keycloak does with a realm's own events. A new realm that
 * reuses the name or ID starts empty, and background work still running for the removed realm
 * leaves no rows behind (its chain head is not created again for a realm Keycloak no longer has).
 */
public final class RealmDataCleanup {

    private RealmDataCleanup() {
    }

    public static void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmRemovedEvent removed) {
            // The realm's lock first: work that writes for the realm (a sync page, a check-in, forwarding) commits
            // under it, so it either committed before and is deleted now, or finds the realm gone and rolls back.
            RealmLock.hold(removed.getKeycloakSession(), removed.getRealm());
            // Whatever a node kept of the realm (its configuration, audit pages) goes too once this commits.
            CacheInvalidation.afterCompletion(removed.getKeycloakSession(), null, removed.getRealm());
            delete(removed.getKeycloakSession(), removed.getRealm().getId());
        }
    }

    static void delete(KeycloakSession session, String realmId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        // Bulk deletes fire no entity callback: every cached device of the realm goes once this commits.
        DeviceChanges.of(session).realmChanged(realmId);
        for (Class<?> type : BitLockerJpaEntityProvider.ENTITIES) {
            String entity = em.getMetamodel().entity(type).getName();
            em.createQuery("delete from " + entity + " e where e.realmId = :realm").setParameter("realm", realmId)
                    .executeUpdate();
        }
    }
}
