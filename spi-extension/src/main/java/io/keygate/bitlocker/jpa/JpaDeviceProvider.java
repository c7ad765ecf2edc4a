package io.keygate.bitlocker.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.keygate.bitlocker.jpa.entity.DeviceEntity;
import io.keygate.bitlocker.jpa.entity.KeyPackageEntity;
import io.keygate.bitlocker.jpa.entity.RecoveryKeyEntity;
import io.keygate.bitlocker.jpa.entity.RotationEntity;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceProvider;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.KeyState;
import io.keygate.bitlocker.model.NodeCache;
import io.keygate.bitlocker.model.PageCursor;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.RotationStatus;
import io.keygate.bitlocker.model.SearchTerm;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Devices, keys and rotations in the extension's tables. Pages are keyset-paged on (lower-cased
 * name, device ID), never loaded whole; a list's keys and rotations come in one query each.
 */
public class JpaDeviceProvider implements DeviceProvider {

    private static final int BATCH = 200;
    /**
     * Hibernate's fetch-size hint: a page comes back in one round trip, not in the driver's default chunks. One
     * more than the query's limit, or the driver asks again to learn that nothing follows.
     */
    private static final String FETCH_SIZE = "org.hibernate.fetchSize";
    private static final String READ_ONLY = "org.hibernate.readOnly";
    /** Keys loaded with a page: a device has a handful; one round trip for a page of 500 devices. */
    private static final int KEYS_FETCH_SIZE = 2000;

    /** The names shared by more than one device, by realm ({@link #sharedNames}). */
    static final NodeCache<List<String>> SHARED_NAMES = NodeCache.named("shared-device-names", 10_000);

    private final EntityManager em;
    private final DeviceCounts counts;
    private final DeviceChanges changes;
    private final DeviceViews views;
    private final boolean binaryNameOrder;

    /**
     * @param binaryNameOrder whether the database orders {@code DEVICE_NAME_LOWER} by code point (PostgreSQL
     *                        with its {@code C} collation, H2), so that a name prefix is exactly a range
     */
    public JpaDeviceProvider(KeycloakSession session, EntityManager em, boolean binaryNameOrder) {
        this.em = em;
        // Before any device row is read: the rows this session writes are then named to it (DeviceChangeListener).
        this.changes = DeviceChanges.of(session);
        this.counts = new DeviceCounts(session, em, changes);
        this.views = new DeviceViews(em, this, changes);
        this.binaryNameOrder = binaryNameOrder;
    }

    @Override
    public DeviceModel getDevice(RealmModel realm, String deviceId) {
        // The device, its keys and its latest rotation in one statement: a reveal, a check-in or a device view reads
        // nothing else about the device.
        List<Object[]> rows = em.createQuery("select d, k, r from DeviceEntity d"
                        + " left join RecoveryKeyEntity k on k.device = d"
                        + " left join RotationEntity r on r.device = d and r.requestedAt ="
                        + " (select max(l.requestedAt) from RotationEntity l where l.device = d)"
                        + " where d.realmId = :realm and d.deviceId = :id order by k.createdAt desc, k.keyId", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("id", deviceId).getResultList();
        return devices(rows).get(deviceId);
    }

    @Override
    public Map<String, DeviceModel> getDevices(RealmModel realm, Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        // A sync's page in one statement: one query per device would also flush the page's pending writes each time.
        return devices(em.createQuery("select d, k, r from DeviceEntity d"
                        + " left join RecoveryKeyEntity k on k.device = d"
                        + " left join RotationEntity r on r.device = d and r.requestedAt ="
                        + " (select max(l.requestedAt) from RotationEntity l where l.device = d)"
                        + " where d.realmId = :realm and d.deviceId in :ids order by d.id, k.createdAt desc, k.keyId",
                        Object[].class)
                .setParameter("realm", realm.getId()).setParameter("ids", List.copyOf(deviceIds)).getResultList());
    }

    /** Devices from rows of (device, key, latest rotation), each with its keys and rotation preloaded, by device ID. */
    private Map<String, DeviceModel> devices(List<Object[]> rows) {
        // Rows repeat the device per key (and a key per rotation requested in the same millisecond): each once.
        Map<DeviceEntity, Map<String, RecoveryKeyEntity>> keys = new LinkedHashMap<>();
        Map<DeviceEntity, RotationEntity> latest = new HashMap<>();
        for (Object[] row : rows) {
            DeviceEntity device = (DeviceEntity) row[0];
            Map<String, RecoveryKeyEntity> own = keys.computeIfAbsent(device, d -> new LinkedHashMap<>());
            if (row[1] instanceof RecoveryKeyEntity key) {
                own.putIfAbsent(key.getId(), key);
            }
            if (row[2] instanceof RotationEntity rotation) {
                latest.merge(device, rotation, (a, b) -> a.getId().compareTo(b.getId()) >= 0 ? a : b);
            }
        }
        Map<String, DeviceModel> out = new HashMap<>();
        keys.forEach((device, own) -> {
            DeviceAdapter adapter = new DeviceAdapter(em, counts, device);
            adapter.preload(List.copyOf(own.values()), latest.get(device));
            out.put(device.getDeviceId(), adapter);
        });
        return out;
    }

    @Override
    public DeviceModel getDeviceForViewing(RealmModel realm, String deviceId) {
        return views.device(realm, deviceId);
    }

    @Override
    public void markReleased(RealmModel realm, String deviceId, String keyId, long at) {
        // No cached copy shows a key's release time (DeviceSnapshot refuses it), so nothing is invalidated: the
        // locked part of a release stays one statement here.
        em.createQuery("update RecoveryKeyEntity k set k.releasedAt = :at where k.realmId = :realm and k.keyId = :key"
                        + " and k.releasedAt is null and k.device.id in"
                        + " (select d.id from DeviceEntity d where d.realmId = :realm and d.deviceId = :device)")
                .setParameter("at", at).setParameter("realm", realm.getId()).setParameter("key", keyId)
                .setParameter("device", deviceId).executeUpdate();
    }

    @Override
    public RotationModel getOpenRotation(RealmModel realm, String deviceId) {
        List<RotationEntity> open = em.createQuery("select r from RotationEntity r where r.realmId = :realm"
                        + " and r.device.deviceId = :device and r.status = :pending", RotationEntity.class)
                .setParameter("realm", realm.getId()).setParameter("device", deviceId)
                .setParameter("pending", RotationStatus.PENDING.name()).setMaxResults(1).getResultList();
        return open.isEmpty() ? null : new RotationAdapter(open.get(0), new DeviceAdapter(em, counts, open.get(0).getDevice()));
    }

    @Override
    public RotationModel addRotation(RealmModel realm, String deviceId, long requestedAt, String requestedBy,
            String ticketKey, String reason, String replacesKeyId) {
        List<String> row = em.createQuery("select d.id from DeviceEntity d where d.realmId = :realm and d.deviceId = :id",
                        String.class)
                .setParameter("realm", realm.getId()).setParameter("id", deviceId).getResultList();
        if (row.isEmpty()) {
            return null;
        }
        return new DeviceAdapter(em, counts, em.getReference(DeviceEntity.class, row.get(0)))
                .addRotation(requestedAt, requestedBy, ticketKey, reason, replacesKeyId);
    }

    @Override
    public DeviceModel addDevice(RealmModel realm, String deviceId, String source, long now) {
        DeviceEntity device = new DeviceEntity();
        device.setId(java.util.UUID.randomUUID().toString());
        device.setRealmId(realm.getId());
        device.setDeviceId(deviceId);
        device.setSource(source);
        device.setCreatedAt(now);
        device.setUpdatedAt(now);
        device.setStatusSince(now);
        device.setEscrowStatus(EscrowStatus.NOT_AVAILABLE.name());
        device.setDeviceName(deviceId);
        em.persist(device);
        counts.changed(realm.getId(), null, EscrowStatus.NOT_AVAILABLE);
        DeviceAdapter adapter = new DeviceAdapter(em, counts, device);
        adapter.preload(List.of(), null);
        return adapter;
    }

    /**
     * Every predicate is one an index can seek with, prepared or not: the key-ID and name prefixes as ranges
     * (the LIKE stays, for exactness), the cursor as a row comparison. A generic plan of {@code like ?} cannot
     * bound an index scan, and {@code a > x or (a = x and b > y)} scans the realm from its first device.
     */
    @Override
    public List<DeviceModel> searchDevices(RealmModel realm, SearchTerm search, EscrowStatus status, PageCursor after,
            int max) {
        // Which devices, in what order, with their check-in times; the rest from the device cache (DeviceViews).
        StringBuilder jpql = new StringBuilder("select d.id, d.lastCheckIn from DeviceEntity d where d.realmId = :realm");
        Map<String, Object> params = new HashMap<>();
        params.put("realm", realm.getId());
        if (status != null) {
            jpql.append(" and d.escrowStatus = :status");
            params.put("status", status.name());
        }
        if (search != null && search.kind() == SearchTerm.Kind.DEVICE_NAME) {
            String upper = binaryNameOrder ? search.upperBound() : null;
            if (upper != null) {
                jpql.append(" and d.deviceNameLower >= :nameFrom and d.deviceNameLower < :nameTo");
                params.put("nameFrom", search.prefix());
                params.put("nameTo", upper);
            }
            jpql.append(" and d.deviceNameLower like :name escape '\\'");
            params.put("name", search.likePattern());
        }
        if (search != null && search.kind() == SearchTerm.Kind.KEY_ID) {
            // Keys first (index seek on the hex prefix), then their devices: no per-device probe.
            jpql.append(" and d.id in (select k.device.id from RecoveryKeyEntity k where k.realmId = :realm"
                    + " and k.keyIdHex >= :hexFrom and k.keyIdHex < :hexTo and k.keyIdHex like :hex escape '\\')");
            params.put("hexFrom", search.prefix());
            params.put("hexTo", search.upperBound());
            params.put("hex", search.likePattern());
        }
        if (after != null) {
            jpql.append(" and (d.deviceNameLower, d.deviceId) > (:afterName, :afterId)");
            params.put("afterName", after.first());
            params.put("afterId", after.second());
        }
        jpql.append(" order by d.deviceNameLower, d.deviceId");
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class).setMaxResults(max + 1)
                .setHint(FETCH_SIZE, max + 2);
        params.forEach(query::setParameter);
        return views.shown(realm, query.getResultList());
    }

    @Override
    public List<DeviceModel> getOwnedDevices(RealmModel realm, String userId, int max) {
        return views.owned(realm, userId, max);
    }

    /** From the maintained counts ({@link DeviceCounts}): four rows, whatever the size of the fleet. */
    @Override
    public Map<EscrowStatus, Long> countByStatus(RealmModel realm) {
        return counts.read(realm.getId());
    }

    /**
     * One index seek per status (realm, status, status-since, device ID), merged here: a single query with
     * {@code status in (…) or (…)} reads every FAILED and NOT_AVAILABLE device of the fleet and sorts them.
     */
    @Override
    public List<DeviceModel> getDevicesNeedingAttention(RealmModel realm, long pendingBefore, int max) {
        List<DeviceEntity> found = new ArrayList<>();
        found.addAll(longestInStatus(realm, EscrowStatus.FAILED, Long.MAX_VALUE, max));
        found.addAll(longestInStatus(realm, EscrowStatus.NOT_AVAILABLE, Long.MAX_VALUE, max));
        found.addAll(longestInStatus(realm, EscrowStatus.PENDING, pendingBefore, max));
        found.sort(Comparator.comparingLong(DeviceEntity::getStatusSince).thenComparing(DeviceEntity::getDeviceId));
        return withKeysAndRotations(found.size() > max ? found.subList(0, max) : found, true);
    }

    /**
     * The shared names from this node's cache ({@link #SHARED_NAMES}), else from one pass over the realm's part of the
     * name index ({@code IDX_BLK_DEVICE_NAME}); then their devices, by that index.
     */
    @Override
    public List<DeviceModel> getDevicesSharingName(RealmModel realm, int max) {
        List<String> shared = sharedNames(realm.getId(), max);
        if (shared.isEmpty()) {
            return List.of();
        }
        return withKeysAndRotations(em.createQuery("select d from DeviceEntity d where d.realmId = :realm"
                        + " and d.deviceNameLower in :names order by d.deviceNameLower, d.deviceId", DeviceEntity.class)
                .setParameter("realm", realm.getId()).setParameter("names", shared).setMaxResults(max)
                .setHint(FETCH_SIZE, max + 1).setHint(READ_ONLY, true).getResultList(), true);
    }

    /**
     * The names more than one of the realm's devices have, lower-cased, at most {@code max}. The pass over the realm's
     * names grows with its fleet (tens of milliseconds at 100,000 devices); what it finds changes only when a device is
     * added, removed or renamed, which drops it on every node ({@link DeviceChanges}).
     */
    private List<String> sharedNames(String realmId, int max) {
        String id = Integer.toString(max);
        List<String> cached = SHARED_NAMES.get(realmId, id);
        if (cached != null) {
            return cached;
        }
        long revision = SHARED_NAMES.revision(realmId);
        // The shared names first, then their devices: as one statement ("name in (… group by … having …)") H2
        // evaluated the subquery for every device of the realm, minutes at 10,000 devices.
        List<String> shared = List.copyOf(em.createQuery("select s.deviceNameLower from DeviceEntity s"
                        + " where s.realmId = :realm group by s.deviceNameLower having count(s) > 1 order by s.deviceNameLower",
                        String.class)
                .setParameter("realm", realmId).setMaxResults(max).getResultList());
        if (!changes.namesChangedIn(realmId)) {
            SHARED_NAMES.putIfUnchanged(realmId, id, revision, shared);
        }
        return shared;
    }

    private List<DeviceEntity> longestInStatus(RealmModel realm, EscrowStatus status, long since, int max) {
        return em.createQuery("select d from DeviceEntity d where d.realmId = :realm and d.escrowStatus = :status"
                        + " and d.statusSince < :since order by d.statusSince, d.deviceId", DeviceEntity.class)
                .setParameter("realm", realm.getId()).setParameter("status", status.name())
                .setParameter("since", since).setMaxResults(max).setHint(FETCH_SIZE, max + 1).setHint(READ_ONLY, true)
                .getResultList();
    }

    @Override
    public List<RotationModel> getOverdueRotations(RealmModel realm, long pendingBefore, int max) {
        return rotations(em.createQuery("select r from RotationEntity r join fetch r.device where r.realmId = :realm"
                        + " and (r.status = :failed or (r.status = :pending and r.requestedAt < :pendingBefore))"
                        + " and r.requestedAt = (select max(r2.requestedAt) from RotationEntity r2 where r2.device = r.device)"
                        + " order by r.requestedAt, r.id", RotationEntity.class)
                .setParameter("realm", realm.getId())
                .setParameter("failed", RotationStatus.FAILED.name())
                .setParameter("pending", RotationStatus.PENDING.name())
                .setParameter("pendingBefore", pendingBefore)
                .setMaxResults(max).getResultList());
    }

    @Override
    public List<RotationModel> getPendingRotations(RealmModel realm, long before) {
        return rotations(em.createQuery("select r from RotationEntity r join fetch r.device"
                        + " where r.realmId = :realm and r.status = :pending and r.requestedAt < :before", RotationEntity.class)
                .setParameter("realm", realm.getId()).setParameter("pending", RotationStatus.PENDING.name())
                .setParameter("before", before).getResultList());
    }

    @Override
    public List<RecoveryKeyModel> getSupersededKeys(RealmModel realm, long before, int max) {
        List<RecoveryKeyModel> keys = new ArrayList<>();
        em.createQuery("select k from RecoveryKeyEntity k join fetch k.device where k.realmId = :realm"
                        + " and k.state = :superseded and k.supersededAt <= :before", RecoveryKeyEntity.class)
                .setParameter("realm", realm.getId()).setParameter("superseded", KeyState.SUPERSEDED.name())
                .setParameter("before", before).setMaxResults(max).getResultList()
                .forEach(k -> keys.add(new RecoveryKeyAdapter(k, new DeviceAdapter(em, counts, k.getDevice()))));
        return keys;
    }

    @Override
    public List<String> getRealmsWithRotationsOrSupersededKeys() {
        TreeSet<String> realms = new TreeSet<>(em.createQuery("select distinct r.realmId from RotationEntity r"
                + " where r.status = :pending", String.class).setParameter("pending", RotationStatus.PENDING.name())
                .getResultList());
        realms.addAll(em.createQuery("select distinct k.realmId from RecoveryKeyEntity k where k.state = :s", String.class)
                .setParameter("s", KeyState.SUPERSEDED.name()).getResultList());
        return List.copyOf(realms);
    }

    @Override
    public List<DeviceModel> getDevicesNotSeenSince(RealmModel realm, String source, long since, String afterDeviceId, int max) {
        return withKeysAndRotations(em.createQuery("select d from DeviceEntity d where d.realmId = :realm and d.source = :source"
                        + " and (d.syncedAt is null or d.syncedAt < :since) and d.removedAt is null and d.deviceId > :after"
                        + " order by d.deviceId", DeviceEntity.class)
                .setParameter("realm", realm.getId()).setParameter("source", source).setParameter("since", since)
                .setParameter("after", afterDeviceId == null ? "" : afterDeviceId).setMaxResults(max).getResultList(), false);
    }

    @Override
    public boolean hasSealedKeys(RealmModel realm) {
        return !em.createQuery("select k.id from RecoveryKeyEntity k where k.realmId = :realm and k.ciphertext is not null",
                String.class).setParameter("realm", realm.getId()).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public void forEachSealedKey(RealmModel realm, Consumer<RecoveryKeyModel> work) {
        String afterId = "";
        while (true) {
            List<RecoveryKeyEntity> batch = em.createQuery("select k from RecoveryKeyEntity k join fetch k.device"
                            + " where k.realmId = :realm and k.ciphertext is not null and k.id > :after order by k.id",
                            RecoveryKeyEntity.class)
                    .setParameter("realm", realm.getId()).setParameter("after", afterId).setMaxResults(BATCH)
                    .getResultList();
            // The batch's key packages in one query; let go of after the flush (each up to 100 KiB).
            List<String> withPackage = batch.stream().filter(RecoveryKeyEntity::isHasKeyPackage).map(RecoveryKeyEntity::getId).toList();
            List<KeyPackageEntity> packages = withPackage.isEmpty() ? List.of()
                    : em.createQuery("select p from KeyPackageEntity p where p.keyPk in :ids", KeyPackageEntity.class)
                            .setParameter("ids", withPackage).getResultList();
            for (RecoveryKeyEntity key : batch) {
                afterId = key.getId();
                work.accept(new RecoveryKeyAdapter(key, new DeviceAdapter(em, counts, key.getDevice())));
            }
            em.flush();
            packages.forEach(em::detach);
            if (batch.size() < BATCH) {
                return;
            }
        }
    }

    /**
     * Adapters with their keys (newest first) and latest rotation, loaded in one query each.
     *
     * @param readOnly lists that are only shown: no snapshots kept, nothing dirty-checked at every flush
     */
    List<DeviceModel> withKeysAndRotations(List<DeviceEntity> devices, boolean readOnly) {
        if (devices.isEmpty()) {
            return List.of();
        }
        List<String> ids = devices.stream().map(DeviceEntity::getId).toList();
        Map<String, List<RecoveryKeyEntity>> keys = new HashMap<>();
        em.createQuery("select k from RecoveryKeyEntity k where k.device.id in :ids order by k.createdAt desc, k.keyId",
                        RecoveryKeyEntity.class)
                .setParameter("ids", ids).setHint(FETCH_SIZE, KEYS_FETCH_SIZE).setHint(READ_ONLY, readOnly).getResultList()
                .forEach(k -> keys.computeIfAbsent(k.getDevice().getId(), x -> new ArrayList<>()).add(k));
        Map<String, RotationEntity> rotations = em.createQuery("select r from RotationEntity r where r.device.id in :ids"
                        + " order by r.requestedAt desc", RotationEntity.class)
                .setParameter("ids", ids).setHint(FETCH_SIZE, KEYS_FETCH_SIZE).setHint(READ_ONLY, readOnly)
                .getResultList().stream()
                .collect(Collectors.toMap(r -> r.getDevice().getId(), r -> r, (newer, older) -> newer));
        List<DeviceModel> adapters = new ArrayList<>(devices.size());
        for (DeviceEntity d : devices) {
            DeviceAdapter adapter = new DeviceAdapter(em, counts, d);
            adapter.preload(keys.getOrDefault(d.getId(), List.of()), rotations.get(d.getId()));
            adapters.add(adapter);
        }
        return adapters;
    }

    private List<RotationModel> rotations(List<RotationEntity> rows) {
        List<RotationModel> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(new RotationAdapter(r, new DeviceAdapter(em, counts, r.getDevice()))));
        return out;
    }

    @Override
    public void close() {
    }
}
