package io.keygate.bitlocker.jpa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.jpa.entity.DeviceEntity;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.NodeCache;
import org.keycloak.models.RealmModel;

/**
 * Devices as people view them ({@code GET /keys/{deviceId}}, {@code GET /me/devices}, the pages of {@code GET /keys}), from this node's device
 * cache where it holds them: each request reads only which devices it shows and their check-in times (one indexed
 * statement, the authority on whether a device exists and whom it belongs to), and the rest — device, keys,
 * latest rotation — comes from the cache, loaded in one statement for what is missing. Entries are dropped after
 * every committed change of a device, its keys or rotations ({@link DeviceChanges}), on every node.
 */
final class DeviceViews {

    /** Device snapshots by realm and device row ID. */
    static final NodeCache<DeviceSnapshot> CACHE = NodeCache.named("devices", 100_000);

    private final EntityManager em;
    private final JpaDeviceProvider provider;
    private final DeviceChanges changes;

    DeviceViews(EntityManager em, JpaDeviceProvider provider, DeviceChanges changes) {
        this.em = em;
        this.provider = provider;
        this.changes = changes;
    }

    DeviceModel device(RealmModel realm, String deviceId) {
        List<Object[]> row = em.createQuery("select d.id, d.lastCheckIn from DeviceEntity d where d.realmId = :realm"
                        + " and d.deviceId = :id", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("id", deviceId).getResultList();
        if (row.isEmpty()) {
            return null;
        }
        String pk = (String) row.get(0)[0];
        DeviceSnapshot cached = CACHE.get(realm.getId(), pk);
        if (cached == null) {
            long revision = CACHE.revision(realm.getId());
            DeviceModel read = provider.getDevice(realm, deviceId);
            if (read == null) {
                return null;
            }
            cached = new DeviceSnapshot(((DeviceAdapter) read).entity().getId(), read);
            keep(realm, revision, cached);
        }
        return cached.checkedInAt((Long) row.get(0)[1]);
    }

    List<DeviceModel> owned(RealmModel realm, String userId, int max) {
        return shown(realm, em.createQuery("select d.id, d.lastCheckIn from DeviceEntity d where d.realmId = :realm"
                        + " and d.ownerUserId = :user order by d.deviceNameLower, d.deviceId", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("user", userId).setMaxResults(max).getResultList());
    }

    /**
     * The devices a query chose, in its order, from rows of {@code (row ID, check-in time)}: the query is the authority
     * on which devices there are and in what order; their devices, keys and rotations come from the cache, loaded in
     * one statement for the ones it lacks.
     */
    List<DeviceModel> shown(RealmModel realm, List<Object[]> rows) {
        Map<String, DeviceSnapshot> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Object[] row : rows) {
            DeviceSnapshot cached = CACHE.get(realm.getId(), (String) row[0]);
            if (cached == null) {
                missing.add((String) row[0]);
            } else {
                found.put(cached.pk(), cached);
            }
        }
        if (!missing.isEmpty()) {
            long revision = CACHE.revision(realm.getId());
            for (DeviceModel read : provider.withKeysAndRotations(em.createQuery("select d from DeviceEntity d"
                    + " where d.realmId = :realm and d.id in :ids", DeviceEntity.class)
                    .setParameter("realm", realm.getId()).setParameter("ids", missing).getResultList(), true)) {
                DeviceSnapshot loaded = new DeviceSnapshot(((DeviceAdapter) read).entity().getId(), read);
                keep(realm, revision, loaded);
                found.put(loaded.pk(), loaded);
            }
        }
        List<DeviceModel> shown = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            DeviceSnapshot device = found.get((String) row[0]);
            if (device != null) {
                shown.add(device.checkedInAt((Long) row[1]));
            }
        }
        return shown;
    }

    /** Not what this session changed itself: it may roll back, and the others must not see it before it commits. */
    private void keep(RealmModel realm, long revision, DeviceSnapshot loaded) {
        if (!changes.changedIn(realm.getId())) {
            CACHE.putIfUnchanged(realm.getId(), loaded.pk(), revision, loaded);
        }
    }
}
