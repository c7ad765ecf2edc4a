package io.keygate.bitlocker.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.jpa.NotificationEntity;
import io.keygate.bitlocker.ticketing.Ticket;

/**
 * Who hears of a key release, queued in the release's own transaction (SPEC §3 "after success"):
 * the device owner when the caller is someone else ({@code notifications.notifyOwner}) — their
 * Keycloak account, or the address the agent reported for an owner without one — and every
 * address of {@code notifications.auditorEmails} when it was a break-glass release.
 */
public final class ReleaseNotifications {

    /**
     * What the e-mails say about a release. Never the key.
     *
     * @param ownerUserId the owner's Keycloak user, when the agent's report named one
     * @param ownerEmail  the address the agent reported for an owner who is not a user of the realm
     */
    public record Release(String auditId, String deviceId, String deviceName, String ownerUserId, String ownerEmail,
            String keyId, String actorUserId, String actorUsername, Ticket ticket, boolean breakGlass, String reason,
            long at) {
    }

    private ReleaseNotifications() {
    }

    public static void queue(EntityManager em, String realmId, BitLockerConfig.Notifications settings, Release release) {
        plan(realmId, settings, release).forEach(em::persist);
    }

    /** The notifications a release calls for, one per recipient, due now. */
    static List<NotificationEntity> plan(String realmId, BitLockerConfig.Notifications settings, Release release) {
        List<NotificationEntity> out = new ArrayList<>();
        if (settings.notifyOwner && release.ownerUserId() != null && !release.ownerUserId().equals(release.actorUserId())) {
            NotificationEntity n = entity(realmId, NotificationKind.OWNER_KEY_RELEASED, release);
            n.setRecipientUserId(release.ownerUserId());
            out.add(n);
        } else if (settings.notifyOwner && release.ownerUserId() == null && release.ownerEmail() != null) {
            NotificationEntity n = entity(realmId, NotificationKind.OWNER_KEY_RELEASED, release);
            n.setRecipientEmail(release.ownerEmail().strip().toLowerCase(Locale.ROOT));
            out.add(n);
        }
        if (release.breakGlass()) {
            for (String address : Mailer.distinctAddresses(settings.auditorEmails)) {
                NotificationEntity n = entity(realmId, NotificationKind.BREAK_GLASS, release);
                n.setRecipientEmail(address);
                out.add(n);
            }
        }
        return out;
    }

    private static NotificationEntity entity(String realmId, NotificationKind kind, Release release) {
        NotificationEntity n = new NotificationEntity();
        n.setId(UUID.randomUUID().toString());
        n.setRealmId(realmId);
        n.setKind(kind.name());
        n.setAuditId(release.auditId());
        n.setDeviceId(release.deviceId());
        n.setDeviceName(release.deviceName());
        n.setKeyId(release.keyId());
        n.setActorUsername(release.actorUsername());
        if (release.ticket() != null) {
            n.setTicketSystem(release.ticket().system());
            n.setTicketKey(release.ticket().key());
            n.setTicketUrl(release.ticket().url());
        }
        n.setReason(release.reason());
        n.setEventAt(release.at());
        n.setStatus(NotificationEntity.QUEUED);
        n.setAttempts(0);
        n.setNextAttemptAt(release.at());
        return n;
    }
}
