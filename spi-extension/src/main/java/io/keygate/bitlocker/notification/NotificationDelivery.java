package io.keygate.bitlocker.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keygate.bitlocker.metrics.BitLockerMetrics;
import io.keygate.bitlocker.model.NotificationModel;
import io.keygate.bitlocker.scheduling.Backoff;
import io.keygate.bitlocker.scheduling.OutboxDelivery;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Sends queued release notifications as an {@link OutboxDelivery}. An SMTP outage is retried with
 * backoff for up to three days, then the notification is given up (logged, FAILED).
 */
public class NotificationDelivery extends OutboxDelivery<NotificationModel> {

    public static final String TASK_NAME = "bitlocker-notification-delivery";
    static final long GIVE_UP_MILLIS = 3L * 86_400_000L;

    private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);

    private final long retryMillis;

    public NotificationDelivery(KeycloakSessionFactory factory, long retryMillis) {
        super(factory, NotificationModel.class, "E-mail notification");
        this.retryMillis = retryMillis;
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    protected void deliver(KeycloakSession session, RealmModel realm, NotificationModel n, long now,
            boolean interrupted) {
        // An interrupted e-mail cannot be looked up at the SMTP server: it is sent again (at least once).
        NotificationKind kind = NotificationKind.valueOf(n.getKind());
        UserModel to = recipient(session, realm, n);
        if (to == null) {
            giveUp(n, kind, "the recipient has no e-mail address");
            return;
        }
        n.setAttempts(n.getAttempts() + 1);
        try {
            Mailer.send(session, realm, to, kind, List.of(n.getDeviceName()), attributes(n));
            n.markDelivered(now);
            BitLockerMetrics.notification(kind.name(), "SENT");
            LOG.debugf("%s e-mail for audit entry %s sent", kind, n.getAuditId());
        } catch (EmailException | RuntimeException e) {
            n.setLastError(describe(e));
            if (now - n.getEventAt() >= GIVE_UP_MILLIS) {
                giveUp(n, kind, n.getLastError());
                return;
            }
            n.setNextAttemptAt(now + Backoff.after(retryMillis, n.getAttempts()));
            BitLockerMetrics.notification(kind.name(), "RETRY");
            LOG.infof("%s e-mail for audit entry %s could not be sent (attempt %d), retrying: %s", kind,
                    n.getAuditId(), n.getAttempts(), n.getLastError());
        }
    }

    /** The owner (a Keycloak user, who may have gone or lost their address) or an auditors' mailbox. */
    private static UserModel recipient(KeycloakSession session, RealmModel realm, NotificationModel n) {
        if (n.getRecipientEmail() != null) {
            return Mailer.byAddress(session, realm, n.getRecipientEmail());
        }
        UserModel owner = session.users().getUserById(realm, n.getRecipientUserId());
        return owner == null || owner.getEmail() == null || owner.getEmail().isBlank() ? null : owner;
    }

    private static void giveUp(NotificationModel n, NotificationKind kind, String why) {
        n.markFailed(why);
        BitLockerMetrics.notification(kind.name(), "FAILED");
        LOG.warnf("%s e-mail for audit entry %s given up: %s", kind, n.getAuditId(), why);
    }

    /** The template's view of the release: {@code release.*}. */
    static Map<String, Object> attributes(NotificationModel n) {
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("deviceName", n.getDeviceName() == null ? n.getDeviceId() : n.getDeviceName());
        release.put("deviceId", n.getDeviceId());
        release.put("keyId", n.getKeyId() == null ? "" : n.getKeyId());
        release.put("actor", n.getActorUsername() == null ? "" : n.getActorUsername());
        release.put("time", Mailer.time(n.getEventAt()));
        release.put("auditId", n.getAuditId());
        release.put("breakGlass", n.getTicketKey() == null);
        release.put("ticketSystem", n.getTicketSystem() == null ? "" : n.getTicketSystem());
        release.put("ticketKey", n.getTicketKey() == null ? "" : n.getTicketKey());
        release.put("ticketUrl", n.getTicketUrl() == null ? "" : n.getTicketUrl());
        release.put("reason", n.getReason() == null ? "" : n.getReason());
        release.put("link", n.getLink() == null ? "" : n.getLink());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("release", release);
        return attributes;
    }
}
