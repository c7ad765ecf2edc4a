package io.keygate.bitlocker.jpa;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.keygate.bitlocker.jpa.entity.NotificationEntity;
import io.keygate.bitlocker.jpa.entity.OutboxEntity;
import io.keygate.bitlocker.jpa.entity.TicketAnnotationEntity;
import io.keygate.bitlocker.model.NotificationModel;
import io.keygate.bitlocker.model.OutboxItemModel;
import io.keygate.bitlocker.model.OutboxProvider;
import io.keygate.bitlocker.model.QueuedAnnotation;
import io.keygate.bitlocker.model.QueuedNotification;
import io.keygate.bitlocker.model.TicketAnnotationModel;
import org.keycloak.models.RealmModel;

/** The outboxes in {@code BLK_TICKET_ANNOTATION} and {@code BLK_NOTIFICATION}. */
public class JpaOutboxProvider implements OutboxProvider {

    private final EntityManager em;

    public JpaOutboxProvider(EntityManager em) {
        this.em = em;
    }

    @Override
    public void queue(RealmModel realm, QueuedAnnotation q) {
        TicketAnnotationEntity a = new TicketAnnotationEntity();
        queued(a, realm, q.auditId(), q.deviceId(), q.deviceName(), q.keyId(), q.actorUsername(), q.releasedAt());
        a.setTicketSystem(q.ticketSystem());
        a.setTicketKey(q.ticketKey());
        a.setReleasedAt(q.releasedAt());
        a.setSummary(q.summary());
        em.persist(a);
    }

    @Override
    public void queue(RealmModel realm, QueuedNotification q) {
        NotificationEntity n = new NotificationEntity();
        queued(n, realm, q.auditId(), q.deviceId(), q.deviceName(), q.keyId(), q.actorUsername(), q.eventAt());
        n.setKind(q.kind());
        n.setRecipientUserId(q.recipientUserId());
        n.setRecipientEmail(q.recipientEmail());
        n.setTicketSystem(q.ticketSystem());
        n.setTicketKey(q.ticketKey());
        n.setTicketUrl(q.ticketUrl());
        n.setReason(q.reason());
        n.setLink(q.link());
        n.setEventAt(q.eventAt());
        em.persist(n);
    }

    private static void queued(OutboxEntity e, RealmModel realm, String auditId, String deviceId, String deviceName,
            String keyId, String actorUsername, long due) {
        e.setId(UUID.randomUUID().toString());
        e.setRealmId(realm.getId());
        e.setAuditId(auditId);
        e.setDeviceId(deviceId);
        e.setDeviceName(deviceName);
        e.setKeyId(keyId);
        e.setActorUsername(actorUsername);
        e.setStatus(OutboxEntity.QUEUED);
        e.setAttempts(0);
        e.setNextAttemptAt(due);
    }

    @Override
    public List<String> getDueIds(Class<? extends OutboxItemModel> type, long now, int max) {
        return em.createQuery("select e.id from " + entityOf(type).getSimpleName() + " e where e.status = :queued"
                        + " and e.nextAttemptAt <= :now order by e.nextAttemptAt", String.class)
                .setParameter("queued", OutboxEntity.QUEUED).setParameter("now", now).setMaxResults(max)
                .getResultList();
    }

    @Override
    public <M extends OutboxItemModel> M lock(Class<M> type, String id) {
        OutboxEntity row = em.find(entityOf(type), id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return null;
        }
        return type.cast(row instanceof TicketAnnotationEntity a ? new TicketAnnotationAdapter(a)
                : new NotificationAdapter((NotificationEntity) row));
    }

    @Override
    public int removeDoneBefore(long before) {
        int annotations = em.createQuery("delete from TicketAnnotationEntity a where a.status in :done"
                        + " and a.releasedAt < :before")
                .setParameter("done", List.of(TicketAnnotationEntity.DELIVERED, OutboxEntity.FAILED))
                .setParameter("before", before).executeUpdate();
        int mails = em.createQuery("delete from NotificationEntity n where n.status in :done and n.eventAt < :before")
                .setParameter("done", List.of(NotificationEntity.SENT, OutboxEntity.FAILED))
                .setParameter("before", before).executeUpdate();
        return annotations + mails;
    }

    private static Class<? extends OutboxEntity> entityOf(Class<? extends OutboxItemModel> type) {
        if (TicketAnnotationModel.class.isAssignableFrom(type)) {
            return TicketAnnotationEntity.class;
        }
        if (NotificationModel.class.isAssignableFrom(type)) {
            return NotificationEntity.class;
        }
        throw new IllegalArgumentException("no outbox of " + type.getSimpleName());
    }

    @Override
    public void close() {
    }
}
