package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.jpa.entity.NotificationEntity;
import io.keygate.bitlocker.model.NotificationModel;

final class NotificationAdapter extends OutboxItemAdapter<NotificationEntity> implements NotificationModel {

    NotificationAdapter(NotificationEntity entity) {
        super(entity);
    }

    @Override
    public String getKind() {
        return entity.getKind();
    }

    @Override
    public String getRecipientUserId() {
        return entity.getRecipientUserId();
    }

    @Override
    public String getRecipientEmail() {
        return entity.getRecipientEmail();
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
    public String getTicketUrl() {
        return entity.getTicketUrl();
    }

    @Override
    public String getLink() {
        return entity.getLink();
    }

    @Override
    public String getReason() {
        return entity.getReason();
    }

    @Override
    public long getEventAt() {
        return entity.getEventAt();
    }

    @Override
    public void markDelivered(long at) {
        entity.setStatus(NotificationEntity.SENT);
        entity.setSentAt(at);
    }
}
