package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.jpa.entity.KeyPackageEntity;
import io.keygate.bitlocker.jpa.entity.RecoveryKeyEntity;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.KeyState;
import io.keygate.bitlocker.model.RecoveryKeyModel;
import io.keygate.bitlocker.model.SealedSecret;
import io.keygate.bitlocker.model.VolumeType;

/** A {@link RecoveryKeyModel} over its entity. */
final class RecoveryKeyAdapter implements RecoveryKeyModel {

    private final RecoveryKeyEntity entity;
    private final DeviceAdapter device;

    RecoveryKeyAdapter(RecoveryKeyEntity entity, DeviceAdapter device) {
        this.entity = entity;
        this.device = device;
    }

    RecoveryKeyEntity entity() {
        return entity;
    }

    @Override
    public String getKeyId() {
        return entity.getKeyId();
    }

    @Override
    public DeviceModel getDevice() {
        return device;
    }

    @Override
    public VolumeType getVolumeType() {
        return VolumeType.valueOf(entity.getVolumeType());
    }

    @Override
    public KeyState getState() {
        return KeyState.valueOf(entity.getState());
    }

    @Override
    public long getCreatedAt() {
        return entity.getCreatedAt();
    }

    @Override
    public Long getSupersededAt() {
        return entity.getSupersededAt();
    }

    @Override
    public void supersede(long at) {
        entity.setState(KeyState.SUPERSEDED.name());
        entity.setSupersededAt(at);
    }

    @Override
    public void reactivate() {
        entity.setState(KeyState.ACTIVE.name());
        entity.setSupersededAt(null);
    }

    @Override
    public String getEscrowedUnder() {
        return entity.getEscrowedUnderJkt();
    }

    @Override
    public void setEscrowedUnder(String jkt) {
        entity.setEscrowedUnderJkt(jkt);
    }

    @Override
    public Long getReleasedAt() {
        return entity.getReleasedAt();
    }

    @Override
    public void markReleased(long at) {
        if (entity.getReleasedAt() == null) {
            entity.setReleasedAt(at);
        }
    }

    @Override
    public SealedSecret getSealed() {
        return entity.getCiphertext() == null ? null : new SealedSecret(entity.getCiphertext(), entity.getKekId());
    }

    @Override
    public void setSealed(SealedSecret sealed) {
        entity.setCiphertext(sealed == null ? null : sealed.ciphertext());
        entity.setKekId(sealed == null ? null : sealed.kekId());
    }

    @Override
    public boolean hasKeyPackage() {
        return entity.isHasKeyPackage();
    }

    @Override
    public void setHasKeyPackage(boolean has) {
        entity.setHasKeyPackage(has);
    }

    @Override
    public SealedSecret getSealedKeyPackage() {
        KeyPackageEntity row = keyPackage();
        return row == null ? null : new SealedSecret(row.getCiphertext(), row.getKekId());
    }

    @Override
    public void setSealedKeyPackage(SealedSecret sealed) {
        KeyPackageEntity row = keyPackage();
        if (sealed == null) {
            if (row != null) {
                device.em().remove(row);
            }
        } else {
            boolean added = row == null;
            if (added) {
                row = new KeyPackageEntity();
                row.setKeyPk(entity.getId());
                row.setRealmId(entity.getRealmId());
            }
            row.setCiphertext(sealed.ciphertext());
            row.setKekId(sealed.kekId());
            if (added) {
                device.em().persist(row);
            }
        }
        entity.setHasKeyPackage(sealed != null);
    }

    private KeyPackageEntity keyPackage() {
        return entity.isHasKeyPackage() ? device.em().find(KeyPackageEntity.class, entity.getId()) : null;
    }
}
