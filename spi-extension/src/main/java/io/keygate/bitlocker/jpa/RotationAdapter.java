package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.jpa.entity.RotationEntity;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.RotationModel;
import io.keygate.bitlocker.model.RotationStatus;

/** A {@link RotationModel} over its entity. */
final class RotationAdapter implements RotationModel {

    private static final int MAX_FAILURE = 1024;

    private final RotationEntity entity;
    private final DeviceModel device;

    RotationAdapter(RotationEntity entity, DeviceModel device) {
        this.entity = entity;
        this.device = device;
    }

    @Override
    public String getId() {
        return entity.getId();
    }

    @Override
    public DeviceModel getDevice() {
        return device;
    }

    @Override
    public RotationStatus getStatus() {
        return RotationStatus.valueOf(entity.getStatus());
    }

    @Override
    public long getRequestedAt() {
        return entity.getRequestedAt();
    }

    @Override
    public String getRequestedBy() {
        return entity.getRequestedBy();
    }

    @Override
    public String getTicketKey() {
        return entity.getTicketKey();
    }

    @Override
    public String getReason() {
        return entity.getReason();
    }

    @Override
    public Long getCompletedAt() {
        return entity.getCompletedAt();
    }

    @Override
    public String getNewKeyId() {
        return entity.getNewKeyId();
    }

    @Override
    public String getFailure() {
        return entity.getFailure();
    }

    @Override
    public String getReplacesKeyId() {
        return entity.getReplacesKeyId();
    }

    @Override
    public void complete(String newKeyId, long at) {
        entity.setStatus(RotationStatus.COMPLETED.name());
        entity.setCompletedAt(at);
        entity.setNewKeyId(newKeyId);
    }

    @Override
    public void fail(String why, long at) {
        entity.setStatus(RotationStatus.FAILED.name());
        entity.setCompletedAt(at);
        entity.setFailure(why == null || why.length() <= MAX_FAILURE ? why : why.substring(0, MAX_FAILURE));
    }
}
