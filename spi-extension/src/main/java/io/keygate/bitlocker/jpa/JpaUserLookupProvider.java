package io.keygate.bitlocker.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.model.UserLookupProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Keycloak's {@code USER_ENTITY}, read through its own entity: the address as Keycloak stores it (lowered when set),
 * compared for equality so that the database uses Keycloak's index on it ({@code IDX_USER_EMAIL}).
 */
public class JpaUserLookupProvider implements UserLookupProvider {

    /** Addresses per query: well under every database's limit on bound parameters. */
    private static final int CHUNK = 500;

    private final EntityManager em;

    public JpaUserLookupProvider(EntityManager em) {
        this.em = em;
    }

    @Override
    public Map<String, List<String>> userIdsByEmail(RealmModel realm, Collection<String> addresses) {
        List<String> lowered = addresses.stream().filter(Objects::nonNull).map(KeycloakModelUtils::toLowerCaseSafe)
                .distinct().toList();
        Map<String, List<String>> holders = new HashMap<>();
        for (int from = 0; from < lowered.size(); from += CHUNK) {
            em.createQuery("select u.email, u.id from UserEntity u where u.realmId = :realm and u.email in :emails"
                            + " and u.serviceAccountClientLink is null", Object[].class)
                    .setParameter("realm", realm.getId())
                    .setParameter("emails", lowered.subList(from, Math.min(lowered.size(), from + CHUNK)))
                    .getResultStream()
                    .forEach(row -> holders.computeIfAbsent((String) row[0], a -> new ArrayList<>()).add((String) row[1]));
        }
        return holders;
    }

    @Override
    public void close() {
    }
}
