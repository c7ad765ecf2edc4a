package io.keygate.bitlocker.jpa;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.jpa.entity.BitLockerJpaEntityProvider;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * When a realm is removed, its devices, keys, rotations, queued annotations and audit log go with
 * it, in the same transaction — as Keycloak does with a realm's own events. A new realm that
 * reuses the name or ID starts empty.
 */
public final class RealmDataCleanup {

    private RealmDataCleanup() {
    }

    public static void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmRemovedEvent removed) {
            delete(removed.getKeycloakSession(), removed.getRealm().getId());
        }
    }

    static void delete(KeycloakSession session, String realmId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        for (Class<?> type : BitLockerJpaEntityProvider.ENTITIES) {
            String entity = em.getMetamodel().entity(type).getName();
            em.createQuery("delete from " + entity + " e where e.realmId = :realm").setParameter("realm", realmId)
                    .executeUpdate();
        }
    }
}
