package io.keygate.bitlocker.device;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.keygate.bitlocker.jpa.DeviceEntity;
import io.keygate.bitlocker.jpa.RecoveryKeyEntity;
import io.keygate.bitlocker.jpa.RotationEntity;

/**
 * Read access to a realm's devices, keys and rotations. Every query is bounded and index-backed:
 * pages are keyset-paged on (lower-cased name, device ID), never loaded whole.
 */
public class DeviceDirectory {

    /** PENDING devices older than this need attention (SPEC §3). */
    public static final long PENDING_ATTENTION_MILLIS = 24L * 60 * 60 * 1000;
    /** The attention list is a work list, not an export: it is capped. */
    public static final int ATTENTION_LIMIT = 200;

    private final EntityManager em;
    private final String realmId;

    public DeviceDirectory(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    public DeviceEntity find(String deviceId) {
        List<DeviceEntity> found = em.createQuery(
                        "select d from DeviceEntity d where d.realmId = :realm and d.deviceId = :id", DeviceEntity.class)
                .setParameter("realm", realmId).setParameter("id", deviceId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** One page of devices plus one extra row that tells whether a next page exists. */
    public List<DeviceEntity> page(SearchTerm search, EscrowStatus status, int max, PageCursor after) {
        StringBuilder jpql = new StringBuilder("select d from DeviceEntity d where d.realmId = :realm");
        Map<String, Object> params = new HashMap<>();
        params.put("realm", realmId);
        if (status != null) {
            jpql.append(" and d.escrowStatus = :status");
            params.put("status", status.name());
        }
        if (search != null && search.kind() == SearchTerm.Kind.DEVICE_NAME) {
            jpql.append(" and d.deviceNameLower like :name escape '\\'");
            params.put("name", search.likePattern());
        }
        if (search != null && search.kind() == SearchTerm.Kind.KEY_ID) {
            // Keys first (index seek on the hex prefix), then their devices: no per-device probe.
            jpql.append(" and d.id in (select k.device.id from RecoveryKeyEntity k where k.realmId = :realm"
                    + " and k.keyIdHex like :hex escape '\\')");
            params.put("hex", search.likePattern());
        }
        if (after != null) {
            jpql.append(" and (d.deviceNameLower > :afterName or (d.deviceNameLower = :afterName and d.deviceId > :afterId))");
            params.put("afterName", after.first());
            params.put("afterId", after.second());
        }
        jpql.append(" order by d.deviceNameLower, d.deviceId");
        TypedQuery<DeviceEntity> query = em.createQuery(jpql.toString(), DeviceEntity.class).setMaxResults(max + 1);
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    public List<DeviceEntity> ownedBy(String userId) {
        return em.createQuery("select d from DeviceEntity d where d.realmId = :realm and d.ownerUserId = :user"
                        + " order by d.deviceNameLower, d.deviceId", DeviceEntity.class)
                .setParameter("realm", realmId).setParameter("user", userId).setMaxResults(500).getResultList();
    }

    /** The keys of the given devices, newest first, in one query. */
    public Map<String, List<RecoveryKeyEntity>> keysOf(List<DeviceEntity> devices) {
        Map<String, List<RecoveryKeyEntity>> byDevice = new LinkedHashMap<>();
        if (devices.isEmpty()) {
            return byDevice;
        }
        List<String> ids = devices.stream().map(DeviceEntity::getId).toList();
        em.createQuery("select k from RecoveryKeyEntity k where k.device.id in :ids order by k.createdAt desc, k.keyId",
                        RecoveryKeyEntity.class)
                .setParameter("ids", ids).getResultList()
                .forEach(k -> byDevice.computeIfAbsent(k.getDevice().getId(), x -> new ArrayList<>()).add(k));
        return byDevice;
    }

    /** Each device's most recent rotation, in one query. */
    public Map<String, RotationEntity> latestRotations(List<DeviceEntity> devices) {
        if (devices.isEmpty()) {
            return Map.of();
        }
        List<String> ids = devices.stream().map(DeviceEntity::getId).toList();
        return em.createQuery("select r from RotationEntity r where r.device.id in :ids order by r.requestedAt desc",
                        RotationEntity.class)
                .setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.toMap(r -> r.getDevice().getId(), r -> r, (newer, older) -> newer));
    }

    public RotationEntity openRotation(DeviceEntity device) {
        List<RotationEntity> open = em.createQuery("select r from RotationEntity r where r.device = :device"
                        + " and r.status = :pending order by r.requestedAt", RotationEntity.class)
                .setParameter("device", device).setParameter("pending", RotationStatus.PENDING.name())
                .setMaxResults(1).getResultList();
        return open.isEmpty() ? null : open.get(0);
    }

    public Map<EscrowStatus, Long> statusCounts() {
        Map<EscrowStatus, Long> counts = new EnumMap<>(EscrowStatus.class);
        for (EscrowStatus s : EscrowStatus.values()) {
            counts.put(s, 0L);
        }
        List<Object[]> rows = em.createQuery("select d.escrowStatus, count(d) from DeviceEntity d"
                        + " where d.realmId = :realm group by d.escrowStatus", Object[].class)
                .setParameter("realm", realmId).getResultList();
        for (Object[] row : rows) {
            counts.put(EscrowStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** FAILED and NOT_AVAILABLE devices, and PENDING ones older than 24 h; longest-standing first. */
    public List<DeviceEntity> attention(long now) {
        return em.createQuery("select d from DeviceEntity d where d.realmId = :realm and (d.escrowStatus in :bad"
                        + " or (d.escrowStatus = :pending and d.statusSince < :pendingBefore))"
                        + " order by d.statusSince, d.deviceId", DeviceEntity.class)
                .setParameter("realm", realmId)
                .setParameter("bad", List.of(EscrowStatus.FAILED.name(), EscrowStatus.NOT_AVAILABLE.name()))
                .setParameter("pending", EscrowStatus.PENDING.name())
                .setParameter("pendingBefore", now - PENDING_ATTENTION_MILLIS)
                .setMaxResults(ATTENTION_LIMIT).getResultList();
    }

    /**
     * Devices whose latest rotation failed, or is still PENDING after 24 h: their key has been
     * disclosed and not yet replaced ("rotate keys after every recovery event"). Oldest first, capped.
     */
    public List<RotationEntity> overdueRotations(long now) {
        return em.createQuery("select r from RotationEntity r join fetch r.device where r.realmId = :realm"
                        + " and (r.status = :failed or (r.status = :pending and r.requestedAt < :pendingBefore))"
                        + " and r.requestedAt = (select max(r2.requestedAt) from RotationEntity r2 where r2.device = r.device)"
                        + " order by r.requestedAt, r.id", RotationEntity.class)
                .setParameter("realm", realmId)
                .setParameter("failed", RotationStatus.FAILED.name())
                .setParameter("pending", RotationStatus.PENDING.name())
                .setParameter("pendingBefore", now - PENDING_ATTENTION_MILLIS)
                .setMaxResults(ATTENTION_LIMIT).getResultList();
    }
}
