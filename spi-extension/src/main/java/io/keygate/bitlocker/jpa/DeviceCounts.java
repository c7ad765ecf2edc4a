package io.keygate.bitlocker.jpa;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import io.keygate.bitlocker.jpa.entity.DeviceCountEntity;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.NodeCache;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The devices per realm and escrow status ({@code BLK_DEVICE_COUNT}), kept exact: a session's status changes
 * are summed here and applied when its transaction commits (Keycloak's prepare phase, so a failure rolls the
 * whole transaction back). Applied last — after everything else is flushed, in realm and status order — the
 * counter rows are never held while waiting for another lock, so concurrent check-ins cannot deadlock on them
 * and hold them only for the commit. Read from this node's cache, which every applied change drops on every node
 * once its transaction has ended ({@link DeviceChanges}).
 */
final class DeviceCounts {

    private static final Logger LOG = Logger.getLogger(DeviceCounts.class);

    /** The counts by realm (one entry each, its ID the realm's). */
    static final NodeCache<Map<EscrowStatus, Long>> CACHE = NodeCache.named("device-counts", 10_000);

    private final KeycloakSession session;
    private final EntityManager em;
    private final DeviceChanges changes;
    private final Map<String, EnumMap<EscrowStatus, Long>> pending = new TreeMap<>();

    DeviceCounts(KeycloakSession session, EntityManager em, DeviceChanges changes) {
        this.session = session;
        this.em = em;
        this.changes = changes;
    }

    /** A device of the realm moved from one status to another ({@code from} null: a new device). */
    void changed(String realmId, EscrowStatus from, EscrowStatus to) {
        if (from == to) {
            return;
        }
        if (pending.isEmpty()) {
            session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    apply();
                }

                @Override
                protected void rollbackImpl() {
                    pending.clear();
                }
            });
        }
        EnumMap<EscrowStatus, Long> deltas = pending.computeIfAbsent(realmId, r -> new EnumMap<>(EscrowStatus.class));
        if (from != null) {
            deltas.merge(from, -1L, Long::sum);
        }
        deltas.merge(to, 1L, Long::sum);
    }

    private void apply() {
        em.flush();
        pending.forEach((realmId, deltas) -> deltas.forEach((status, delta) -> {
            if (delta != 0) {
                changes.countsChanged(realmId);
            }
            if (delta != 0 && add(realmId, status, delta) == 0) {
                createRows(realmId);
                if (add(realmId, status, delta) == 0) {
                    throw new IllegalStateException("device count of realm " + realmId + " could not be created");
                }
            }
        }));
        pending.clear();
    }

    private int add(String realmId, EscrowStatus status, long delta) {
        return em.createQuery("update DeviceCountEntity c set c.devices = c.devices + :delta"
                        + " where c.realmId = :realm and c.escrowStatus = :status")
                .setParameter("delta", delta).setParameter("realm", realmId).setParameter("status", status.name())
                .executeUpdate();
    }

    /**
     * A realm's first device: its four rows at zero, in a transaction of their own; losing the race to
     * another node is fine.
     */
    private void createRows(String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager other = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                for (EscrowStatus status : EscrowStatus.values()) {
                    if (other.find(DeviceCountEntity.class, new DeviceCountEntity.Key(realmId, status.name())) == null) {
                        DeviceCountEntity row = new DeviceCountEntity();
                        row.setRealmId(realmId);
                        row.setEscrowStatus(status.name());
                        other.persist(row);
                    }
                }
            });
        } catch (PersistenceException | ModelException e) {
            LOG.debugf("device counts of realm %s created concurrently: %s", realmId, e.getMessage());
        }
    }

    /**
     * The realm's counts as committed (every status present, zero where no row says otherwise), from this node's
     * cache where it holds them. Read-only.
     */
    Map<EscrowStatus, Long> read(String realmId) {
        Map<EscrowStatus, Long> cached = CACHE.get(realmId, realmId);
        if (cached != null) {
            return cached;
        }
        long revision = CACHE.revision(realmId);
        Map<EscrowStatus, Long> counts = Collections.unmodifiableMap(readRows(realmId));
        // Not after a change of this session's: it may roll back, and the rows are its own until it commits.
        if (!changes.changedIn(realmId) && pending.isEmpty()) {
            CACHE.putIfUnchanged(realmId, realmId, revision, counts);
        }
        return counts;
    }

    private EnumMap<EscrowStatus, Long> readRows(String realmId) {
        EnumMap<EscrowStatus, Long> counts = new EnumMap<>(EscrowStatus.class);
        for (EscrowStatus s : EscrowStatus.values()) {
            counts.put(s, 0L);
        }
        em.createQuery("select c from DeviceCountEntity c where c.realmId = :realm", DeviceCountEntity.class)
                .setParameter("realm", realmId).getResultList()
                .forEach(row -> counts.put(EscrowStatus.valueOf(row.getEscrowStatus()), row.getDevices()));
        return counts;
    }
}
