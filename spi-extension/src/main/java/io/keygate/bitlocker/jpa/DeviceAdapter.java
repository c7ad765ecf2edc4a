package io.keygate.bitlocker.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.jpa.entity.DeviceEntity;
import io.keygate.bitlocker.jpa.entity.RecoveryKeyEntity;
import io.keygate.bitlocker.jpa.entity.RotationEntity;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceOwner;
import io.keygate.bitlocker.model.Encryption;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.KeyState;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.RotationStatus;
import io.keygate.bitlocker.model.VolumeType;

/**
 * A {@link DeviceModel} over its entity. Keys and the latest rotation are loaded once (in bulk by
 * the provider for lists, on first use otherwise) and kept in step with what this adapter changes.
 */
final class DeviceAdapter implements DeviceModel {

    private final EntityManager em;
    private final DeviceCounts counts;
    private final DeviceEntity entity;
    private List<RecoveryKeyAdapter> keys;
    private RotationAdapter latestRotation;
    private boolean rotationLoaded;

    DeviceAdapter(EntityManager em, DeviceCounts counts, DeviceEntity entity) {
        this.em = em;
        this.counts = counts;
        this.entity = entity;
    }

    DeviceEntity entity() {
        return entity;
    }

    EntityManager em() {
        return em;
    }

    /** Keys (newest first) and latest rotation read with the device(s), so using them costs no further query. */
    void preload(List<RecoveryKeyEntity> keyEntities, RotationEntity rotation) {
        keys = new ArrayList<>();
        keyEntities.forEach(k -> keys.add(new RecoveryKeyAdapter(k, this)));
        latestRotation = rotation == null ? null : new RotationAdapter(rotation, this);
        rotationLoaded = true;
    }

    @Override
    public String getId() {
        return entity.getDeviceId();
    }

    @Override
    public String getRealmId() {
        return entity.getRealmId();
    }

    @Override
    public String getName() {
        return entity.getDeviceName();
    }

    @Override
    public void setName(String name) {
        entity.setDeviceName(name);
    }

    @Override
    public String getSource() {
        return entity.getSource();
    }

    @Override
    public String getExternalId() {
        return entity.getExternalId();
    }

    @Override
    public void setExternalId(String externalId) {
        entity.setExternalId(externalId);
    }

    @Override
    public DeviceOwner getOwner() {
        if (entity.getOwnerUserId() == null && entity.getOwnerUsername() == null && entity.getOwnerEmail() == null) {
            return null;
        }
        return new DeviceOwner(entity.getOwnerUserId(), entity.getOwnerUsername(), entity.getOwnerEmail());
    }

    @Override
    public void setOwner(DeviceOwner owner) {
        entity.setOwnerUserId(owner == null ? null : owner.userId());
        entity.setOwnerUsername(owner == null ? null : owner.username());
        entity.setOwnerEmail(owner == null ? null : owner.email());
    }

    @Override
    public Encryption getEncryption() {
        return entity.getEncryption() == null ? null : Encryption.valueOf(entity.getEncryption());
    }

    @Override
    public void setEncryption(Encryption encryption) {
        entity.setEncryption(encryption == null ? null : encryption.name());
    }

    @Override
    public EscrowStatus getEscrowStatus() {
        return EscrowStatus.valueOf(entity.getEscrowStatus());
    }

    @Override
    public long getStatusSince() {
        return entity.getStatusSince();
    }

    @Override
    public void setEscrowStatus(EscrowStatus status, long now) {
        if (!status.name().equals(entity.getEscrowStatus())) {
            counts.changed(entity.getRealmId(), EscrowStatus.valueOf(entity.getEscrowStatus()), status);
            entity.setEscrowStatus(status.name());
            entity.setStatusSince(now);
            entity.setUpdatedAt(now);
        }
    }

    @Override
    public Long getRemovedAt() {
        return entity.getRemovedAt();
    }

    @Override
    public void markSeenAtSource(long at) {
        entity.setSyncedAt(at);
        entity.setRemovedAt(null);
    }

    @Override
    public void markRemovedFromSource(long at) {
        if (entity.getRemovedAt() == null) {
            entity.setRemovedAt(at);
        }
    }

    @Override
    public String getBoundKey() {
        return entity.getBoundJkt();
    }

    @Override
    public void setBoundKey(String jkt, boolean byAdmin) {
        entity.setBoundJkt(jkt);
        entity.setBoundByAdmin(jkt != null && byAdmin);
    }

    @Override
    public boolean isBoundByAdmin() {
        return entity.isBoundByAdmin();
    }

    @Override
    public Long getLastCheckIn() {
        return entity.getLastCheckIn();
    }

    @Override
    public void setLastCheckIn(long at) {
        entity.setLastCheckIn(at);
        entity.setUpdatedAt(at);
    }

    private List<RecoveryKeyAdapter> keys() {
        if (keys == null) {
            keys = new ArrayList<>();
            em.createQuery("select k from RecoveryKeyEntity k where k.device = :device order by k.createdAt desc, k.keyId",
                            RecoveryKeyEntity.class)
                    .setParameter("device", entity).getResultList()
                    .forEach(k -> keys.add(new RecoveryKeyAdapter(k, this)));
        }
        return keys;
    }

    @Override
    public List<RecoveryKeyModel> getKeys() {
        return List.copyOf(keys());
    }

    @Override
    public RecoveryKeyModel getKey(String keyId) {
        return keys().stream().filter(k -> k.getKeyId().equals(keyId)).findFirst().orElse(null);
    }

    @Override
    public RecoveryKeyModel addKey(String keyId, VolumeType volumeType, long createdAt) {
        RecoveryKeyEntity key = new RecoveryKeyEntity();
        key.setId(UUID.randomUUID().toString());
        key.setRealmId(entity.getRealmId());
        key.setDevice(entity);
        key.setKeyId(keyId);
        key.setVolumeType(volumeType.name());
        key.setState(KeyState.ACTIVE.name());
        key.setCreatedAt(createdAt);
        em.persist(key);
        RecoveryKeyAdapter adapter = new RecoveryKeyAdapter(key, this);
        keys().add(0, adapter);
        return adapter;
    }

    @Override
    public void removeKey(RecoveryKeyModel key) {
        RecoveryKeyAdapter adapter = (RecoveryKeyAdapter) key;
        if (keys != null) {
            keys.removeIf(k -> k.getKeyId().equals(adapter.getKeyId()));
        }
        em.remove(adapter.entity());
    }

    @Override
    public RotationModel getOpenRotation() {
        // A device has at most one open rotation, and a new one is only requested when none is open:
        // the open one, if any, is the latest.
        RotationModel latest = getLatestRotation();
        return latest != null && latest.getStatus() == RotationStatus.PENDING ? latest : null;
    }

    @Override
    public RotationModel getLatestRotation() {
        if (!rotationLoaded) {
            List<RotationEntity> latest = em.createQuery("select r from RotationEntity r where r.device = :device"
                            + " order by r.requestedAt desc", RotationEntity.class)
                    .setParameter("device", entity).setMaxResults(1).getResultList();
            latestRotation = latest.isEmpty() ? null : new RotationAdapter(latest.get(0), this);
            rotationLoaded = true;
        }
        return latestRotation;
    }

    @Override
    public RotationModel addRotation(long requestedAt, String requestedBy, String ticketKey, String reason,
            String replacesKeyId) {
        RotationEntity rotation = new RotationEntity();
        rotation.setId(UUID.randomUUID().toString());
        rotation.setRealmId(entity.getRealmId());
        rotation.setDevice(entity);
        rotation.setStatus(RotationStatus.PENDING.name());
        rotation.setRequestedAt(requestedAt);
        rotation.setRequestedBy(requestedBy);
        rotation.setTicketKey(ticketKey);
        rotation.setReason(reason);
        rotation.setReplacesKeyId(replacesKeyId);
        em.persist(rotation);
        latestRotation = new RotationAdapter(rotation, this);
        rotationLoaded = true;
        return latestRotation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceAdapter other && other.entity.getId().equals(entity.getId());
    }

    @Override
    public int hashCode() {
        return entity.getId().hashCode();
    }
}
