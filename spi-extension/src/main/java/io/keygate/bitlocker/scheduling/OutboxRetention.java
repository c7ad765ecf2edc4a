package io.keygate.bitlocker.scheduling;

import java.util.List;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.jpa.NotificationEntity;
import io.keygate.bitlocker.jpa.TicketAnnotationEntity;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Empties the outboxes of what is done: ticket annotations delivered or given up, e-mails sent or
 * given up, once older than the retention. The audit log keeps the record; the outbox rows only
 * repeat who released which device's key, so they are not kept forever.
 */
public class OutboxRetention implements ScheduledTask {

    public static final String TASK_NAME = "bitlocker-outbox-retention";
    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);

    private final long retentionMillis;

    public OutboxRetention(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long before = Time.currentTimeMillis() - retentionMillis;
        int annotations = em.createQuery("delete from TicketAnnotationEntity a where a.status in :done"
                        + " and a.releasedAt < :before")
                .setParameter("done", List.of(TicketAnnotationEntity.DELIVERED, TicketAnnotationEntity.FAILED))
                .setParameter("before", before).executeUpdate();
        int mails = em.createQuery("delete from NotificationEntity n where n.status in :done and n.eventAt < :before")
                .setParameter("done", List.of(NotificationEntity.SENT, NotificationEntity.FAILED))
                .setParameter("before", before).executeUpdate();
        if (annotations + mails > 0) {
            LOG.debugf("Outbox retention removed %d ticket annotation(s) and %d e-mail notification(s)", annotations, mails);
        }
    }
}
