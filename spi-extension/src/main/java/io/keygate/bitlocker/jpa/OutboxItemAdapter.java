package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.jpa.entity.OutboxEntity;
import io.keygate.bitlocker.model.OutboxItemModel;

/** What every outbox adapter shares: the release it tells of and its delivery state. */
abstract class OutboxItemAdapter<E extends OutboxEntity> implements OutboxItemModel {

    protected final E entity;

    OutboxItemAdapter(E entity) {
        this.entity = entity;
    }

    @Override
    public String getId() {
        return entity.getId();
    }

    @Override
    public String getRealmId() {
        return entity.getRealmId();
    }

    @Override
    public String getAuditId() {
        return entity.getAuditId();
    }

    @Override
    public String getDeviceId() {
        return entity.getDeviceId();
    }

    @Override
    public String getDeviceName() {
        return entity.getDeviceName();
    }

    @Override
    public String getKeyId() {
        return entity.getKeyId();
    }

    @Override
    public String getActorUsername() {
        return entity.getActorUsername();
    }

    @Override
    public boolean isQueued() {
        return OutboxEntity.QUEUED.equals(entity.getStatus());
    }

    @Override
    public int getAttempts() {
        return entity.getAttempts();
    }

    @Override
    public void setAttempts(int attempts) {
        entity.setAttempts(attempts);
    }

    @Override
    public long getNextAttemptAt() {
        return entity.getNextAttemptAt();
    }

    @Override
    public void setNextAttemptAt(long at) {
        entity.setNextAttemptAt(at);
    }

    @Override
    public String getLastError() {
        return entity.getLastError();
    }

    @Override
    public void setLastError(String error) {
        entity.setLastError(error);
    }

    @Override
    public Long getInFlightSince() {
        return entity.getInFlightSince();
    }

    @Override
    public void setInFlightSince(Long since) {
        entity.setInFlightSince(since);
    }

    @Override
    public void markFailed(String why) {
        entity.setStatus(OutboxEntity.FAILED);
        entity.setLastError(why);
    }
}
