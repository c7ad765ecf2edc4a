package io.keygate.bitlocker.jpa;

import java.util.List;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.jpa.entity.RealmConfigEntity;
import io.keygate.bitlocker.model.RealmConfigProvider;
import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;

/** Configuration documents in {@code BLK_REALM_CONFIG}, one row per configured realm. */
public class JpaRealmConfigProvider implements RealmConfigProvider {

    private final EntityManager em;

    public JpaRealmConfigProvider(EntityManager em) {
        this.em = em;
    }

    /** Read from the database each time (not the persistence context): a lock holder must see the latest commit. */
    @Override
    public String getDocument(RealmModel realm) {
        List<String> rows = em.createQuery("select c.document from RealmConfigEntity c where c.realmId = :realm", String.class)
                .setParameter("realm", realm.getId()).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public void setDocument(RealmModel realm, String document) {
        if (document.length() > RealmConfigEntity.MAX_DOCUMENT) {
            throw new IllegalArgumentException("the configuration document exceeds " + RealmConfigEntity.MAX_DOCUMENT
                    + " characters");
        }
        RealmConfigEntity row = em.find(RealmConfigEntity.class, realm.getId());
        if (row == null) {
            row = new RealmConfigEntity();
            row.setRealmId(realm.getId());
            row.setDocument(document);
            row.setUpdatedAt(Time.currentTimeMillis());
            em.persist(row);
        } else {
            row.setDocument(document);
            row.setUpdatedAt(Time.currentTimeMillis());
        }
        em.flush();
    }

    @Override
    public List<String> getConfiguredRealmIds() {
        return em.createQuery("select c.realmId from RealmConfigEntity c", String.class).getResultList();
    }

    @Override
    public void close() {
    }
}
