package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.jpa.entity.TicketAnnotationEntity;
import io.keygate.bitlocker.model.TicketAnnotationModel;

final class TicketAnnotationAdapter extends OutboxItemAdapter<TicketAnnotationEntity> implements TicketAnnotationModel {

    TicketAnnotationAdapter(TicketAnnotationEntity entity) {
        super(entity);
    }

    @Override
    public String getTicketSystem() {
        return entity.getTicketSystem();
    }

    @Override
    public String getTicketKey() {
        return entity.getTicketKey();
    }

    @Override
    public long getReleasedAt() {
        return entity.getReleasedAt();
    }

    @Override
    public String getSummary() {
        return entity.getSummary();
    }

    @Override
    public void markDelivered(long at) {
        entity.setStatus(TicketAnnotationEntity.DELIVERED);
        entity.setDeliveredAt(at);
    }
}
