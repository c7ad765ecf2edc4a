package io.keygate.bitlocker.jpa;

import java.util.function.Consumer;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.jpa.entity.RealmStateEntity;
import io.keygate.bitlocker.model.RealmStateProvider;
import org.keycloak.models.RealmModel;

/** A realm's remembered state in {@code BLK_REALM_STATE}, one row per realm, created at the first write. */
public class JpaRealmStateProvider implements RealmStateProvider {

    private final EntityManager em;

    public JpaRealmStateProvider(EntityManager em) {
        this.em = em;
    }

    @Override
    public String getCheckpointIssuer(RealmModel realm) {
        RealmStateEntity row = em.find(RealmStateEntity.class, realm.getId());
        return row == null ? null : row.getCheckpointIssuer();
    }

    @Override
    public void setCheckpointIssuer(RealmModel realm, String issuer) {
        if (issuer.length() > RealmStateEntity.MAX_ISSUER) {
            throw new IllegalArgumentException("the issuer URL exceeds " + RealmStateEntity.MAX_ISSUER + " characters");
        }
        update(realm, row -> row.setCheckpointIssuer(issuer));
    }

    @Override
    public Long getDigestLastDueAt(RealmModel realm) {
        RealmStateEntity row = em.find(RealmStateEntity.class, realm.getId());
        return row == null ? null : row.getDigestLastDueAt();
    }

    @Override
    public void setDigestLastDueAt(RealmModel realm, long dueAt) {
        update(realm, row -> row.setDigestLastDueAt(dueAt));
    }

    private void update(RealmModel realm, Consumer<RealmStateEntity> change) {
        RealmStateEntity row = em.find(RealmStateEntity.class, realm.getId());
        if (row == null) {
            row = new RealmStateEntity();
            row.setRealmId(realm.getId());
            change.accept(row);
            em.persist(row);
        } else {
            change.accept(row);
        }
        em.flush();
    }

    @Override
    public void close() {
    }
}
